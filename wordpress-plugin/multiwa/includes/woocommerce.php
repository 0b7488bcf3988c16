<?php
if (!defined('ABSPATH')) {
    exit;
}

/** Hooks order notifications only when WooCommerce is active. */
function multiwa_maybe_hook_woocommerce()
{
    static $hooked = false;
    if ($hooked || !class_exists('WooCommerce')) {
        return;
    }
    $hooked = true;
    add_action('woocommerce_new_order', 'multiwa_on_new_order', 20, 2);
    add_action('woocommerce_order_status_changed', 'multiwa_on_order_status_changed', 20, 4);
}

function multiwa_on_new_order($order_id, $order = null)
{
    $settings = multiwa_settings();
    if ($settings['notify_new_order'] !== '1') {
        return;
    }
    $order = $order ?: wc_get_order($order_id);
    // One message per order, even when WooCommerce fires the hook twice.
    multiwa_notify_order($order, $settings['template_new'], array(), 'wc-order-' . $order_id . '-new');
}

function multiwa_on_order_status_changed($order_id, $from, $to, $order = null)
{
    $settings = multiwa_settings();
    if ($settings['notify_status'] !== '1') {
        return;
    }
    $order = $order ?: wc_get_order($order_id);
    $previous = function_exists('wc_get_order_status_name') ? wc_get_order_status_name($from) : $from;
    multiwa_notify_order($order, $settings['template_status'], array('previous_status' => $previous), 'wc-order-' . $order_id . '-' . $from . '-' . $to);
}

/** The placeholder values of an order. */
function multiwa_order_placeholders($order)
{
    $status = $order->get_status();
    $name = trim($order->get_billing_first_name() . ' ' . $order->get_billing_last_name());
    return array(
        'order_number'  => $order->get_order_number(),
        'status'        => function_exists('wc_get_order_status_name') ? wc_get_order_status_name($status) : $status,
        // Plain text: WhatsApp shows no HTML, and wc_price() returns markup.
        'total'         => html_entity_decode(wp_strip_all_tags($order->get_formatted_order_total()), ENT_QUOTES, 'UTF-8'),
        'customer_name' => $name !== '' ? $name : __('there', 'multiwa'),
        'site_name'     => get_bloginfo('name'),
    );
}

/** Sends the rendered template to the order's billing phone; failures go to the order notes, never to the shopper. */
function multiwa_notify_order($order, $template, array $extra, $idempotency_key)
{
    if (!$order || trim((string) $template) === '') {
        return null;
    }
    $settings = multiwa_settings();
    $phone = multiwa_normalize_phone($order->get_billing_phone(), $settings['country_code']);
    if ($phone === '') {
        return null;
    }
    $text = multiwa_render_template($template, array_merge(multiwa_order_placeholders($order), $extra));
    $result = MultiWA_Client::from_settings()->send_text($phone, $text, $idempotency_key);
    if (is_wp_error($result)) {
        $order->add_order_note(sprintf(__('WhatsApp message not sent: %s', 'multiwa'), $result->get_error_message()));
    }
    return $result;
}

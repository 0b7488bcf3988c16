<?php
// plugin.test.ts checks what the billing phone (62811-2222-3333) received on the gateway.

test('order hooks are only registered once WooCommerce is active', function () {
    do_action('plugins_loaded');
    assert_same(false, has_action('woocommerce_new_order'), 'before WooCommerce');
    require_once dirname(__DIR__) . '/shim/woocommerce.php';
    do_action('plugins_loaded');
    do_action('plugins_loaded');
    assert_same(true, has_action('woocommerce_new_order', 'multiwa_on_new_order'), 'new order hook');
    assert_same(true, has_action('woocommerce_order_status_changed', 'multiwa_on_order_status_changed'), 'status hook');
    assert_same(1, count($GLOBALS['wp_shim_hooks']['woocommerce_new_order'][20]), 'registered once');
});

function budi_order()
{
    return wc_get_order(1001) ?: new WC_Order(array('id' => 1001, 'number' => '1001', 'status' => 'pending', 'first_name' => 'Budi', 'last_name' => 'Santoso', 'phone' => '0811-2222-3333', 'currency' => 'Rp', 'total' => '150.000'));
}

test('a new order sends the templated message to the billing phone, once even if the hook fires twice', function () {
    configure_gateway(array('notify_new_order' => '1', 'notify_status' => '1',
        'template_new' => 'Hi {customer_name}, thank you for your order #{order_number} ({total}) at {site_name}. {unknown} stays.'));
    $order = budi_order();
    do_action('woocommerce_new_order', 1001, $order);
    $body = last_request_body();
    assert_same('6281122223333', $body['to']);
    assert_same('Hi Budi Santoso, thank you for your order #1001 (Rp150.000) at Toko Test. {unknown} stays.', $body['content']['text']);
    assert_same('wc-order-1001-new', $body['options']['idempotencyKey']);
    do_action('woocommerce_new_order', 1001, $order);
    assert_same(array(), $order->notes, 'order notes');
});

test('a status change sends the status template with the new and previous status', function () {
    configure_gateway(array('notify_status' => '1', 'template_status' => 'Order #{order_number}: {previous_status} → {status}, total {total}.'));
    $order = budi_order();
    $order->set_status('processing');
    $before = requests_made();
    do_action('woocommerce_order_status_changed', 1001, 'pending', 'processing', $order);
    assert_same($before + 1, requests_made(), 'requests');
    assert_same('Order #1001: Pending payment → Processing, total Rp150.000.', last_request_body()['content']['text']);
    assert_same(array(), $order->notes, 'order notes');
});

test('disabled notifications, an empty template or a missing phone send nothing', function () {
    $order = budi_order();
    $before = requests_made();
    configure_gateway(array('notify_status' => '0'));
    do_action('woocommerce_order_status_changed', 1001, 'processing', 'completed', $order);
    configure_gateway(array('notify_status' => '1', 'template_status' => '  '));
    do_action('woocommerce_order_status_changed', 1001, 'processing', 'completed', $order);
    configure_gateway(array('notify_new_order' => '1'));
    do_action('woocommerce_new_order', 1002, new WC_Order(array('id' => 1002, 'status' => 'pending', 'phone' => '', 'currency' => 'Rp', 'total' => '1')));
    assert_same($before, requests_made(), 'requests');
});

test('a failed send is written to the order notes', function () {
    configure_gateway(array('profile_id' => 'no-such-profile', 'notify_status' => '1', 'template_status' => 'Now {status}'));
    $order = budi_order();
    do_action('woocommerce_order_status_changed', 1001, 'processing', 'on-hold', $order);
    assert_same(1, count($order->notes), 'notes');
    assert_contains('WhatsApp message not sent: ', $order->notes[0]);
    configure_gateway();
});

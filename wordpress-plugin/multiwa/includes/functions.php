<?php
if (!defined('ABSPATH')) {
    exit;
}

const MULTIWA_OPTION = 'multiwa_settings';

/** The plugin's settings merged over their defaults. */
function multiwa_settings()
{
    $defaults = array(
        'gateway_url'      => '',
        'api_key'          => '',
        'profile_id'       => '',
        'country_code'     => '',
        'chat_phone'       => '',
        'chat_text'        => '',
        'chat_label'       => 'Chat on WhatsApp',
        'notify_new_order' => '1',
        'template_new'     => "Hi {customer_name}, thank you for your order #{order_number} ({total}) at {site_name}. We'll keep you posted.",
        'notify_status'    => '1',
        'template_status'  => 'Hi {customer_name}, your order #{order_number} is now {status}.',
    );
    $saved = get_option(MULTIWA_OPTION, array());
    return array_merge($defaults, is_array($saved) ? $saved : array());
}

/** Replaces `{placeholder}`s with values; unknown placeholders stay as typed so a typo is visible. */
function multiwa_render_template($template, array $values)
{
    return preg_replace_callback('/\{([a-z_]+)\}/', function ($m) use ($values) {
        return array_key_exists($m[1], $values) ? (string) $values[$m[1]] : $m[0];
    }, $template);
}

/**
 * Digits of an international number. A national number (leading 0) gets the default country code,
 * since shop customers rarely type theirs.
 */
function multiwa_normalize_phone($phone, $country_code = '')
{
    $digits = preg_replace('/\D+/', '', (string) $phone);
    if ($digits === '') {
        return '';
    }
    if (strpos(trim((string) $phone), '+') !== 0 && strpos($digits, '00') === 0) {
        $digits = substr($digits, 2);
    } elseif (strpos(trim((string) $phone), '+') !== 0 && $digits[0] === '0' && $country_code !== '') {
        $digits = preg_replace('/\D+/', '', $country_code) . substr($digits, 1);
    }
    return strlen($digits) >= 6 && strlen($digits) <= 15 ? $digits : '';
}

<?php
if (!defined('ABSPATH')) {
    exit;
}

/** Field name => [label, type, help]. */
function multiwa_setting_fields()
{
    return array(
        'gateway_url'      => array(__('Gateway URL', 'multiwa'), 'url', __('e.g. https://wa.example.com (without /api)', 'multiwa')),
        'api_key'          => array(__('API key', 'multiwa'), 'password', __('A key with the messages.send permission', 'multiwa')),
        'profile_id'       => array(__('Default profile', 'multiwa'), 'text', __('The WhatsApp account (profile id) that sends', 'multiwa')),
        'country_code'     => array(__('Default country code', 'multiwa'), 'text', __('Added to numbers starting with 0, e.g. 62', 'multiwa')),
        'chat_phone'       => array(__('Chat button number', 'multiwa'), 'text', __('Where [multiwa_chat] opens a chat', 'multiwa')),
        'chat_text'        => array(__('Chat button message', 'multiwa'), 'text', __('Pre-filled text', 'multiwa')),
        'chat_label'       => array(__('Chat button label', 'multiwa'), 'text', ''),
        'notify_new_order' => array(__('Message on new orders', 'multiwa'), 'checkbox', __('WooCommerce only', 'multiwa')),
        'template_new'     => array(__('New order message', 'multiwa'), 'textarea', __('Placeholders: {order_number} {status} {total} {customer_name} {site_name}', 'multiwa')),
        'notify_status'    => array(__('Message on status changes', 'multiwa'), 'checkbox', __('WooCommerce only', 'multiwa')),
        'template_status'  => array(__('Status change message', 'multiwa'), 'textarea', __('Also {previous_status}', 'multiwa')),
    );
}

function multiwa_register_settings()
{
    register_setting('multiwa', MULTIWA_OPTION, array('type' => 'array', 'sanitize_callback' => 'multiwa_sanitize_settings', 'default' => array()));
    add_settings_section('multiwa_main', __('Gateway and messages', 'multiwa'), '__return_false', 'multiwa');
    foreach (multiwa_setting_fields() as $name => $field) {
        add_settings_field('multiwa_' . $name, $field[0], 'multiwa_render_field', 'multiwa', 'multiwa_main', array('name' => $name, 'label_for' => 'multiwa_' . $name));
    }
}

/** Keeps only known fields, each cleaned for its type; an invalid URL is dropped rather than stored. */
function multiwa_sanitize_settings($input)
{
    $input = is_array($input) ? $input : array();
    $clean = array();
    foreach (multiwa_setting_fields() as $name => $field) {
        // Regression: no wp_unslash() here. options.php already unslashed the POST, so a second pass ate
        // every backslash the user typed (C:\shop became C:shop).
        $value = isset($input[$name]) ? $input[$name] : '';
        switch ($field[1]) {
            case 'url':
                $url = esc_url_raw(trim((string) $value), array('http', 'https'));
                $clean[$name] = rtrim($url, '/');
                break;
            case 'checkbox':
                $clean[$name] = empty($value) ? '0' : '1';
                break;
            case 'textarea':
                $clean[$name] = sanitize_textarea_field((string) $value);
                break;
            default:
                $clean[$name] = sanitize_text_field((string) $value);
        }
    }
    $clean['country_code'] = preg_replace('/\D+/', '', $clean['country_code']);
    return $clean;
}

function multiwa_render_field($args)
{
    $name = $args['name'];
    $fields = multiwa_setting_fields();
    $field = $fields[$name];
    $value = multiwa_settings()[$name];
    $id = 'multiwa_' . $name;
    $attr_name = MULTIWA_OPTION . '[' . $name . ']';
    if ($field[1] === 'checkbox') {
        printf('<input type="checkbox" id="%s" name="%s" value="1" %s />', esc_attr($id), esc_attr($attr_name), checked($value, '1', false));
    } elseif ($field[1] === 'textarea') {
        printf('<textarea id="%s" name="%s" rows="3" class="large-text">%s</textarea>', esc_attr($id), esc_attr($attr_name), esc_textarea($value));
    } else {
        // The key is never printed back: an empty password field keeps the stored one (see below).
        $shown = $field[1] === 'password' ? '' : $value;
        printf('<input type="%s" id="%s" name="%s" value="%s" class="regular-text" autocomplete="off" />', esc_attr($field[1]), esc_attr($id), esc_attr($attr_name), esc_attr($shown));
    }
    if ($field[2] !== '') {
        printf('<p class="description">%s</p>', esc_html($field[2]));
    }
}

/** An empty API key field on save means "unchanged". */
function multiwa_keep_api_key($new, $old)
{
    if (is_array($new) && isset($new['api_key']) && $new['api_key'] === '' && is_array($old) && !empty($old['api_key'])) {
        $new['api_key'] = $old['api_key'];
    }
    return $new;
}
add_filter('pre_update_option_' . MULTIWA_OPTION, 'multiwa_keep_api_key', 10, 2);

/** A "Settings" link first on the plugin's row in Plugins. */
function multiwa_plugin_action_links($links)
{
    $url = admin_url('options-general.php?page=multiwa');
    array_unshift($links, sprintf('<a href="%s">%s</a>', esc_url($url), esc_html__('Settings', 'multiwa')));
    return $links;
}

function multiwa_add_settings_page()
{
    add_options_page(__('MultiWA', 'multiwa'), __('MultiWA', 'multiwa'), 'manage_options', 'multiwa', 'multiwa_render_settings_page');
}

function multiwa_render_settings_page()
{
    if (!current_user_can('manage_options')) {
        return;
    }
    echo '<div class="wrap"><h1>' . esc_html__('MultiWA', 'multiwa') . '</h1>';
    multiwa_render_test_notice();
    echo '<form method="post" action="options.php">';
    settings_fields('multiwa');
    do_settings_sections('multiwa');
    submit_button();
    echo '</form>';
    multiwa_render_test_form();
    echo '</div>';
}

<?php
if (!defined('ABSPATH')) {
    exit;
}

/** The "send a test message" form on the settings page, posted to admin-post.php with a nonce. */
function multiwa_render_test_form()
{
    echo '<h2>' . esc_html__('Send a test message', 'multiwa') . '</h2>';
    echo '<form method="post" action="' . esc_url(admin_url('admin-post.php')) . '">';
    echo '<input type="hidden" name="action" value="multiwa_test_message" />';
    wp_nonce_field('multiwa_test_message', 'multiwa_nonce');
    echo '<input type="text" name="phone" placeholder="+62 812 3456 7890" class="regular-text" required /> ';
    submit_button(__('Send test message', 'multiwa'), 'secondary', 'submit', false);
    echo '</form>';
}

/** admin-post handler: admins only, nonce checked, then back to the settings page with the outcome. */
function multiwa_handle_test_message()
{
    if (!current_user_can('manage_options')) {
        wp_die(esc_html__('You are not allowed to do this.', 'multiwa'), '', array('response' => 403));
    }
    $nonce = isset($_POST['multiwa_nonce']) ? sanitize_text_field(wp_unslash($_POST['multiwa_nonce'])) : '';
    if (!wp_verify_nonce($nonce, 'multiwa_test_message')) {
        wp_die(esc_html__('The link expired; reload the settings page and try again.', 'multiwa'), '', array('response' => 403));
    }
    $settings = multiwa_settings();
    $raw = isset($_POST['phone']) ? sanitize_text_field(wp_unslash($_POST['phone'])) : '';
    $phone = multiwa_normalize_phone($raw, $settings['country_code']);
    if ($phone === '') {
        $result = new WP_Error('multiwa_bad_phone', __('Enter a phone number in international format.', 'multiwa'));
    } else {
        $text = sprintf(__('Test message from %s via MultiWA.', 'multiwa'), get_bloginfo('name'));
        $result = MultiWA_Client::from_settings()->send_text($phone, $text);
    }
    set_transient('multiwa_test_result', is_wp_error($result) ? array('ok' => false, 'message' => $result->get_error_message()) : array('ok' => true, 'message' => $result['id'] ?? ''), 60);
    wp_safe_redirect(add_query_arg('page', 'multiwa', admin_url('options-general.php')));
    exit;
}

function multiwa_render_test_notice()
{
    $result = get_transient('multiwa_test_result');
    if (!is_array($result)) {
        return;
    }
    delete_transient('multiwa_test_result');
    $class = $result['ok'] ? 'notice-success' : 'notice-error';
    $text = $result['ok'] ? sprintf(__('Test message queued (%s).', 'multiwa'), $result['message']) : sprintf(__('Test message failed: %s', 'multiwa'), $result['message']);
    printf('<div class="notice %s"><p>%s</p></div>', esc_attr($class), esc_html($text));
}

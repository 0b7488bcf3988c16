<?php
// The admin side: capabilities, nonces, redirects and the Settings API's rendering helpers.

/** wp_die and wp_safe_redirect end the request in WordPress; here they throw so a test can look. */
class WP_Shim_Halt extends Exception
{
    public $kind;
    public $detail;

    public function __construct($kind, $message, $detail = array())
    {
        parent::__construct($message);
        $this->kind = $kind;
        $this->detail = $detail;
    }
}

$GLOBALS['wp_shim_caps'] = array();

function current_user_can($capability)
{
    return in_array($capability, $GLOBALS['wp_shim_caps'], true);
}

function wp_create_nonce($action = -1)
{
    return substr(hash_hmac('sha256', $action . '|' . implode(',', $GLOBALS['wp_shim_caps']), 'shim-nonce-salt'), 0, 10);
}

function wp_verify_nonce($nonce, $action = -1)
{
    return is_string($nonce) && $nonce !== '' && hash_equals(wp_create_nonce($action), $nonce) ? 1 : false;
}

function wp_nonce_field($action = -1, $name = '_wpnonce', $referer = true, $echo = true)
{
    $field = '<input type="hidden" name="' . esc_attr($name) . '" value="' . esc_attr(wp_create_nonce($action)) . '" />';
    if ($echo) {
        echo $field;
    }
    return $field;
}

function wp_die($message = '', $title = '', $args = array())
{
    throw new WP_Shim_Halt('die', (string) $message, $args);
}

function wp_safe_redirect($location, $status = 302)
{
    throw new WP_Shim_Halt('redirect', (string) $location);
}

function admin_url($path = '')
{
    return 'http://example.test/wp-admin/' . ltrim($path, '/');
}

function add_query_arg($key, $value, $url)
{
    return $url . (strpos($url, '?') === false ? '?' : '&') . rawurlencode($key) . '=' . rawurlencode($value);
}

function add_options_page($page_title, $menu_title, $capability, $slug, $callback)
{
    $GLOBALS['wp_shim_pages'][$slug] = array('capability' => $capability, 'callback' => $callback);
    return 'settings_page_' . $slug;
}

function add_settings_section($id, $title, $callback, $page)
{
    $GLOBALS['wp_shim_sections'][$page][$id] = array('title' => $title, 'fields' => array());
}

function add_settings_field($id, $title, $callback, $page, $section, $args = array())
{
    $GLOBALS['wp_shim_sections'][$page][$section]['fields'][$id] = array('title' => $title, 'callback' => $callback, 'args' => $args);
}

function settings_fields($group)
{
    echo '<input type="hidden" name="option_page" value="' . esc_attr($group) . '" />';
    wp_nonce_field("{$group}-options");
}

function do_settings_sections($page)
{
    foreach ($GLOBALS['wp_shim_sections'][$page] ?? array() as $section) {
        echo '<h2>' . esc_html($section['title']) . '</h2><table class="form-table">';
        foreach ($section['fields'] as $field) {
            echo '<tr><th>' . esc_html($field['title']) . '</th><td>';
            call_user_func($field['callback'], $field['args']);
            echo '</td></tr>';
        }
        echo '</table>';
    }
}

function submit_button($text = 'Save Changes', $type = 'primary', $name = 'submit', $wrap = true)
{
    echo '<input type="submit" name="' . esc_attr($name) . '" class="button button-' . esc_attr($type) . '" value="' . esc_attr($text) . '" />';
}

function plugin_basename($file)
{
    return basename(dirname($file)) . '/' . basename($file);
}

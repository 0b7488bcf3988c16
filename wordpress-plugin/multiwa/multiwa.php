<?php
/**
 * Plugin Name:       MultiWA for WordPress
 * Description:       Click-to-chat WhatsApp button and WooCommerce order notifications through a self-hosted MultiWA gateway.
 * Version:           0.1.0
 * Requires at least: 6.0
 * Requires PHP:      7.4
 * Author:            MultiWA
 * License:           MIT
 * Text Domain:       multiwa
 */

if (!defined('ABSPATH')) {
    exit; // Loaded by WordPress only.
}

define('MULTIWA_VERSION', '0.1.0');
define('MULTIWA_DIR', __DIR__);

require_once MULTIWA_DIR . '/includes/functions.php';
require_once MULTIWA_DIR . '/includes/class-multiwa-client.php';
require_once MULTIWA_DIR . '/includes/settings.php';
require_once MULTIWA_DIR . '/includes/test-message.php';
require_once MULTIWA_DIR . '/includes/shortcode.php';
require_once MULTIWA_DIR . '/includes/woocommerce.php';

add_action('admin_init', 'multiwa_register_settings');
add_action('admin_menu', 'multiwa_add_settings_page');
add_filter('plugin_action_links_' . plugin_basename(__FILE__), 'multiwa_plugin_action_links');
add_action('admin_post_multiwa_test_message', 'multiwa_handle_test_message');
add_action('init', 'multiwa_register_shortcode');
// WooCommerce may load after this plugin: decide once every plugin is loaded.
add_action('plugins_loaded', 'multiwa_maybe_hook_woocommerce');

<?php
// Deleting the plugin removes its settings (and the API key with them).
if (!defined('WP_UNINSTALL_PLUGIN')) {
    exit;
}
delete_option('multiwa_settings');
delete_transient('multiwa_test_result');

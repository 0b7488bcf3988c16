<?php
// Loads the WordPress shim and the plugin as WordPress would (WooCommerce is loaded later by a test).
define('ABSPATH', __DIR__ . '/');

foreach (array('hooks', 'options', 'formatting', 'http', 'admin') as $shim) {
    require_once __DIR__ . "/shim/{$shim}.php";
}
require_once dirname(__DIR__) . '/multiwa/multiwa.php';

update_option('blogname', 'Toko Test');
do_action('init');
do_action('admin_init');
do_action('admin_menu');

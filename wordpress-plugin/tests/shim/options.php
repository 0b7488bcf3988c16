<?php
// Options and transients in memory, with register_setting's sanitize callback applied on update like WordPress.

$GLOBALS['wp_shim_options'] = array();

function get_option($name, $default = false)
{
    return array_key_exists($name, $GLOBALS['wp_shim_options']) ? $GLOBALS['wp_shim_options'][$name] : $default;
}

function update_option($name, $value)
{
    $old = get_option($name);
    $value = apply_filters("sanitize_option_{$name}", $value, $name, $value);
    $value = apply_filters("pre_update_option_{$name}", $value, $old, $name);
    $GLOBALS['wp_shim_options'][$name] = $value;
    return true;
}

function delete_option($name)
{
    unset($GLOBALS['wp_shim_options'][$name]);
    return true;
}

function register_setting($group, $name, $args = array())
{
    if (!empty($args['sanitize_callback'])) {
        add_filter("sanitize_option_{$name}", $args['sanitize_callback']);
    }
    $GLOBALS['wp_shim_settings'][$group][] = $name;
}

function set_transient($name, $value, $expiration = 0)
{
    return update_option("_transient_{$name}", $value);
}

function get_transient($name)
{
    return get_option("_transient_{$name}");
}

function delete_transient($name)
{
    return delete_option("_transient_{$name}");
}

function get_bloginfo($show = '')
{
    return $show === 'name' ? get_option('blogname', 'Test Site') : '';
}

<?php
// Actions, filters and shortcodes, with WordPress's calling conventions (priority, accepted args).

$GLOBALS['wp_shim_hooks'] = array();
$GLOBALS['wp_shim_shortcodes'] = array();

function add_filter($hook, $callback, $priority = 10, $accepted_args = 1)
{
    $GLOBALS['wp_shim_hooks'][$hook][$priority][] = array($callback, $accepted_args);
    return true;
}

function add_action($hook, $callback, $priority = 10, $accepted_args = 1)
{
    return add_filter($hook, $callback, $priority, $accepted_args);
}

function has_action($hook, $callback = false)
{
    foreach ($GLOBALS['wp_shim_hooks'][$hook] ?? array() as $callbacks) {
        foreach ($callbacks as $entry) {
            if ($callback === false || $entry[0] === $callback) {
                return true;
            }
        }
    }
    return false;
}

function apply_filters($hook, $value, ...$args)
{
    $all = $GLOBALS['wp_shim_hooks'][$hook] ?? array();
    ksort($all);
    foreach ($all as $callbacks) {
        foreach ($callbacks as $entry) {
            $value = call_user_func_array($entry[0], array_slice(array_merge(array($value), $args), 0, $entry[1]));
        }
    }
    return $value;
}

function do_action($hook, ...$args)
{
    $all = $GLOBALS['wp_shim_hooks'][$hook] ?? array();
    ksort($all);
    foreach ($all as $callbacks) {
        foreach ($callbacks as $entry) {
            call_user_func_array($entry[0], array_slice($args, 0, $entry[1]));
        }
    }
}

function add_shortcode($tag, $callback)
{
    $GLOBALS['wp_shim_shortcodes'][$tag] = $callback;
}

/** `[tag a="x" b='y']` only (no enclosing shortcodes): enough for the plugin's one shortcode. */
function do_shortcode($content)
{
    return preg_replace_callback('/\[(\w+)((?:\s+\w+\s*=\s*(?:"[^"]*"|\'[^\']*\'))*)\s*\]/', function ($m) {
        if (!isset($GLOBALS['wp_shim_shortcodes'][$m[1]])) {
            return $m[0];
        }
        preg_match_all('/(\w+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')/', $m[2], $pairs, PREG_SET_ORDER);
        $atts = array();
        foreach ($pairs as $p) {
            $atts[strtolower($p[1])] = isset($p[3]) && $p[3] !== '' ? $p[3] : $p[2];
        }
        return call_user_func($GLOBALS['wp_shim_shortcodes'][$m[1]], $atts, '', $m[1]);
    }, $content);
}

function shortcode_atts($pairs, $atts, $shortcode = '')
{
    $out = array();
    foreach ($pairs as $name => $default) {
        $out[$name] = array_key_exists($name, (array) $atts) ? $atts[$name] : $default;
    }
    return $shortcode ? apply_filters("shortcode_atts_{$shortcode}", $out, $pairs, $atts, $shortcode) : $out;
}

function __return_false()
{
    return false;
}

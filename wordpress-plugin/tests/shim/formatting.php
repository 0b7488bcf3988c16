<?php
// Escaping and sanitizing as WordPress does it, for the cases the plugin uses.

function esc_html($text)
{
    return htmlspecialchars((string) $text, ENT_QUOTES, 'UTF-8');
}

function esc_attr($text)
{
    return htmlspecialchars((string) $text, ENT_QUOTES, 'UTF-8');
}

function esc_textarea($text)
{
    return htmlspecialchars((string) $text, ENT_QUOTES, 'UTF-8');
}

/** Unsafe protocols give '', characters outside a URL are removed, `&` and `'` are encoded for HTML. */
function esc_url($url, $protocols = null, $context = 'display')
{
    $url = trim((string) $url);
    if ($url === '') {
        return '';
    }
    $url = preg_replace('|[^a-z0-9-~+_.?#=!&;,/:%@$\|*\'()\[\]\x80-\xff]|i', '', $url);
    $protocols = $protocols ?: array('http', 'https', 'mailto', 'tel');
    if (preg_match('/^([a-z][a-z0-9+.-]*):/i', $url, $m) && !in_array(strtolower($m[1]), $protocols, true)) {
        return '';
    }
    if ($context === 'display') {
        $url = str_replace(array('&amp;', '&', "'"), array('&#038;', '&#038;', '&#039;'), $url);
    }
    return $url;
}

function esc_url_raw($url, $protocols = null)
{
    return esc_url($url, $protocols, 'db');
}

function wp_strip_all_tags($text)
{
    return trim(strip_tags(preg_replace('@<(script|style)[^>]*?>.*?</\\1>@si', '', (string) $text)));
}

function sanitize_text_field($text)
{
    return trim(preg_replace('/[\r\n\t ]+/', ' ', wp_strip_all_tags($text)));
}

function sanitize_textarea_field($text)
{
    return trim(wp_strip_all_tags($text));
}

function wp_unslash($value)
{
    return is_array($value) ? array_map('wp_unslash', $value) : stripslashes((string) $value);
}

function wp_json_encode($data)
{
    return json_encode($data, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
}

function checked($checked, $current = true, $echo = true)
{
    $out = (string) $checked === (string) $current ? " checked='checked'" : '';
    if ($echo) {
        echo $out;
    }
    return $out;
}

function __($text, $domain = 'default')
{
    return $text;
}

function esc_html__($text, $domain = 'default')
{
    return esc_html($text);
}

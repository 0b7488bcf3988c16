<?php
if (!defined('ABSPATH')) {
    exit;
}

function multiwa_register_shortcode()
{
    add_shortcode('multiwa_chat', 'multiwa_chat_shortcode');
}

/**
 * `[multiwa_chat phone="+62 812…" text="Hello" label="Chat with us"]`: a link opening a WhatsApp chat
 * (wa.me) with the number and text from the attributes or the settings.
 */
function multiwa_chat_shortcode($atts = array())
{
    $settings = multiwa_settings();
    $atts = shortcode_atts(array(
        'phone' => $settings['chat_phone'],
        'text'  => $settings['chat_text'],
        'label' => $settings['chat_label'],
        'class' => '',
    ), $atts, 'multiwa_chat');
    $phone = multiwa_normalize_phone($atts['phone'], $settings['country_code']);
    if ($phone === '') {
        return '';
    }
    $url = 'https://wa.me/' . $phone . ($atts['text'] !== '' ? '?text=' . rawurlencode($atts['text']) : '');
    $classes = trim('multiwa-chat ' . preg_replace('/[^A-Za-z0-9_ -]/', '', $atts['class']));
    return sprintf(
        '<a class="%s" href="%s" target="_blank" rel="noopener noreferrer">%s</a>',
        esc_attr($classes),
        esc_url($url),
        esc_html($atts['label'])
    );
}

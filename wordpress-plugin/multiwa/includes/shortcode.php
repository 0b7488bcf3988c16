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
    // Regression: the block editor saves `text="Fish & Chips"` as `Fish &amp; Chips`; decode entities
    // before URL-encoding, or the chat opens pre-filled with "&amp;".
    $text = html_entity_decode((string) $atts['text'], ENT_QUOTES | ENT_HTML5, 'UTF-8');
    $url = 'https://wa.me/' . $phone . ($text !== '' ? '?text=' . rawurlencode($text) : '');
    $classes = trim('multiwa-chat ' . preg_replace('/[^A-Za-z0-9_ -]/', '', $atts['class']));
    return sprintf(
        '<a class="%s" href="%s" target="_blank" rel="noopener noreferrer">%s</a>',
        esc_attr($classes),
        esc_url($url),
        esc_html($atts['label'])
    );
}

<?php
if (!defined('ABSPATH')) {
    exit;
}

/** The one gateway call the plugin makes: queue a text message for a profile. */
class MultiWA_Client
{
    private $url;
    private $key;
    private $profile;

    public function __construct($gateway_url, $api_key, $profile_id)
    {
        $this->url = rtrim((string) $gateway_url, '/');
        $this->key = (string) $api_key;
        $this->profile = (string) $profile_id;
    }

    public static function from_settings()
    {
        $s = multiwa_settings();
        return new self($s['gateway_url'], $s['api_key'], $s['profile_id']);
    }

    /**
     * Queues a text; the gateway answers 202 with the message record.
     * The idempotency key makes a repeated hook (or a double click) send once.
     *
     * @return array|WP_Error The message record, or why it failed.
     */
    public function send_text($phone, $text, $idempotency_key = '')
    {
        if ($this->url === '' || $this->key === '' || $this->profile === '') {
            return new WP_Error('multiwa_not_configured', __('Set the gateway URL, API key and profile first.', 'multiwa'));
        }
        $body = array('to' => (string) $phone, 'content' => array('type' => 'text', 'text' => (string) $text));
        if ($idempotency_key !== '') {
            $body['options'] = array('idempotencyKey' => (string) $idempotency_key);
        }
        $response = wp_remote_post($this->url . '/api/profiles/' . rawurlencode($this->profile) . '/messages', array(
            'timeout' => 15,
            'headers' => array('x-api-key' => $this->key, 'content-type' => 'application/json'),
            'body'    => wp_json_encode($body),
        ));
        if (is_wp_error($response)) {
            return $response;
        }
        $code = (int) wp_remote_retrieve_response_code($response);
        $data = json_decode(wp_remote_retrieve_body($response), true);
        if ($code < 200 || $code >= 300) {
            $message = is_array($data) && isset($data['message']) ? $data['message'] : 'HTTP ' . $code;
            return new WP_Error('multiwa_http_' . $code, $message);
        }
        return is_array($data) ? $data : array();
    }
}

<?php
// wp_remote_post over PHP streams (no curl extension needed), returning WordPress's response array.

class WP_Error
{
    private $code;
    private $message;

    public function __construct($code = '', $message = '')
    {
        $this->code = $code;
        $this->message = $message;
    }

    public function get_error_code()
    {
        return $this->code;
    }

    public function get_error_message()
    {
        return $this->message;
    }
}

function is_wp_error($thing)
{
    return $thing instanceof WP_Error;
}

function wp_remote_post($url, $args = array())
{
    $headers = array();
    foreach ($args['headers'] ?? array() as $name => $value) {
        $headers[] = "{$name}: {$value}";
    }
    $context = stream_context_create(array('http' => array(
        'method'        => 'POST',
        'header'        => implode("\r\n", $headers),
        'content'       => $args['body'] ?? '',
        'timeout'       => $args['timeout'] ?? 5,
        'ignore_errors' => true, // a 4xx/5xx body is still read
    )));
    $body = @file_get_contents($url, false, $context);
    if ($body === false) {
        return new WP_Error('http_request_failed', 'Could not reach ' . $url);
    }
    $GLOBALS['wp_shim_requests'][] = array('url' => $url, 'args' => $args);
    // $http_response_header is set by the stream wrapper in this scope.
    preg_match('/^HTTP\/\S+\s+(\d+)/', $http_response_header[0] ?? '', $m);
    return array('response' => array('code' => (int) ($m[1] ?? 0)), 'body' => $body, 'headers' => $http_response_header);
}

function wp_remote_retrieve_response_code($response)
{
    return is_array($response) ? $response['response']['code'] : '';
}

function wp_remote_retrieve_body($response)
{
    return is_array($response) ? $response['body'] : '';
}

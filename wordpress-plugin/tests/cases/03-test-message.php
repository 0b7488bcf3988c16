<?php
// The number the test message goes to; plugin.test.ts reads this phone's inbox on the gateway.
const TEST_PHONE = '+62 812-0000-0001';

function post_test_message(array $post)
{
    $_POST = $post;
    return expect_halt(function () {
        do_action('admin_post_multiwa_test_message');
    });
}

test('the test message needs manage_options and a valid nonce; otherwise nothing is sent', function () {
    configure_gateway();
    $before = requests_made();
    $GLOBALS['wp_shim_caps'] = array();
    $halt = post_test_message(array('phone' => TEST_PHONE, 'multiwa_nonce' => wp_create_nonce('multiwa_test_message')));
    assert_same('die', $halt->kind, 'no capability');
    assert_same(403, $halt->detail['response'], 'status');
    $GLOBALS['wp_shim_caps'] = array('manage_options');
    $halt = post_test_message(array('phone' => TEST_PHONE, 'multiwa_nonce' => 'forged'));
    assert_same('die', $halt->kind, 'forged nonce');
    assert_same(false, get_transient('multiwa_test_result'), 'no result stored');
    assert_same($before, requests_made(), 'requests');
});

test('the test message is sent to the gateway and the settings page reports it', function () {
    configure_gateway();
    $GLOBALS['wp_shim_caps'] = array('manage_options');
    $halt = post_test_message(array('phone' => TEST_PHONE, 'multiwa_nonce' => wp_create_nonce('multiwa_test_message')));
    assert_same('redirect', $halt->kind);
    assert_same('http://example.test/wp-admin/options-general.php?page=multiwa', $halt->getMessage());
    $result = get_transient('multiwa_test_result');
    assert_same(true, $result['ok'], 'result: ' . json_encode($result));
    assert_same(array('to' => '6281200000001', 'content' => array('type' => 'text', 'text' => 'Test message from Toko Test via MultiWA.')), last_request_body(), 'request body');
    $html = capture('multiwa_render_test_notice');
    assert_contains('notice-success', $html);
    assert_contains('Test message queued (' . $result['message'] . ')', $html);
    assert_same('', capture('multiwa_render_test_notice'), 'the notice shows once');
});

test('a gateway error is shown on the settings page', function () {
    configure_gateway(array('profile_id' => 'no-such-profile'));
    $GLOBALS['wp_shim_caps'] = array('manage_options');
    post_test_message(array('phone' => TEST_PHONE, 'multiwa_nonce' => wp_create_nonce('multiwa_test_message')));
    $html = capture('multiwa_render_test_notice');
    assert_contains('notice-error', $html);
    assert_contains('Test message failed: ', $html);
    configure_gateway();
});

<?php

test('settings are sanitized on save: unknown keys dropped, tags stripped, URL trimmed, checkboxes normalised', function () {
    update_option(MULTIWA_OPTION, array(
        'gateway_url'      => ' https://wa.example.com/ ',
        'api_key'          => " secret-key<script>x</script> ",
        'profile_id'       => 'shop<b>1</b>',
        'country_code'     => '+62',
        'notify_new_order' => 'on',
        'template_new'     => "Hi <b>{customer_name}</b>\nSee you",
        'injected'         => 'nope',
    ));
    $saved = get_option(MULTIWA_OPTION);
    assert_same('https://wa.example.com', $saved['gateway_url'], 'gateway_url');
    assert_same('secret-key', $saved['api_key'], 'api_key');
    assert_same('shop1', $saved['profile_id'], 'profile_id');
    assert_same('62', $saved['country_code'], 'country_code');
    assert_same('1', $saved['notify_new_order'], 'notify_new_order');
    assert_same('0', $saved['notify_status'], 'notify_status');
    assert_same("Hi {customer_name}\nSee you", $saved['template_new'], 'template_new');
    assert_same(false, array_key_exists('injected', $saved), 'unknown key');
});

test('a javascript: gateway URL is not stored; a blank API key field keeps the saved key', function () {
    update_option(MULTIWA_OPTION, array_merge(get_option(MULTIWA_OPTION), array('gateway_url' => 'javascript:alert(1)', 'api_key' => '')));
    $saved = get_option(MULTIWA_OPTION);
    assert_same('', $saved['gateway_url'], 'gateway_url');
    assert_same('secret-key', $saved['api_key'], 'api_key');
});

test('the settings page escapes values, never prints the API key, and carries a nonce for the test message', function () {
    update_option(MULTIWA_OPTION, array_merge(get_option(MULTIWA_OPTION), array('chat_label' => "Say \"hi\" & 'bye'")));
    $GLOBALS['wp_shim_caps'] = array('manage_options');
    $html = capture(function () {
        call_user_func($GLOBALS['wp_shim_pages']['multiwa']['callback']);
    });
    assert_contains('value="Say &quot;hi&quot; &amp; &#039;bye&#039;"', $html, 'escaped label');
    assert_not_contains('secret-key', $html, 'API key');
    assert_contains('name="multiwa_settings[gateway_url]"', $html, 'settings field');
    assert_contains('action="http://example.test/wp-admin/admin-post.php"', $html, 'test form action');
    assert_contains('name="action" value="multiwa_test_message"', $html, 'admin-post action');
    assert_contains('name="multiwa_nonce" value="' . wp_create_nonce('multiwa_test_message') . '"', $html, 'nonce');
    $GLOBALS['wp_shim_caps'] = array();
    assert_same('', capture(function () {
        multiwa_render_settings_page();
    }), 'page for a user without manage_options');
});

<?php

test('[multiwa_chat] renders a wa.me link from the settings, national number completed with the country code', function () {
    update_option(MULTIWA_OPTION, array_merge(multiwa_settings(), array('chat_phone' => '0812-3456-7890', 'country_code' => '62', 'chat_text' => 'Halo & selamat', 'chat_label' => 'Chat')));
    assert_same(
        'Before <a class="multiwa-chat" href="https://wa.me/6281234567890?text=Halo%20%26%20selamat" target="_blank" rel="noopener noreferrer">Chat</a> after',
        do_shortcode('Before [multiwa_chat] after')
    );
});

test('[multiwa_chat] attributes override the settings and every output is escaped', function () {
    $html = do_shortcode('[multiwa_chat phone="+44 20 7946 0958" text="Hi" label="<img src=x onerror=alert(1)>" class="big\' onclick=alert(1)"]');
    assert_same('<a class="multiwa-chat big onclickalert1" href="https://wa.me/442079460958?text=Hi" target="_blank" rel="noopener noreferrer">&lt;img src=x onerror=alert(1)&gt;</a>', $html);
});

test('[multiwa_chat] without a usable number renders nothing', function () {
    assert_same('', do_shortcode('[multiwa_chat phone="call us"]'));
});

<?php
// Runs tests/cases/*.php in name order and prints "N passed, N failed"; exits 1 on any failure.
// The gateway cases need MULTIWA_TEST_GATEWAY_URL, MULTIWA_TEST_API_KEY and MULTIWA_TEST_PROFILE.
require __DIR__ . '/bootstrap.php';

$GLOBALS['tests'] = array();

function test($name, callable $fn)
{
    $GLOBALS['tests'][] = array($name, $fn);
}

function assert_same($expected, $actual, $what = '')
{
    if ($expected !== $actual) {
        throw new Exception(($what ? "{$what}: " : '') . 'expected ' . var_export($expected, true) . ', got ' . var_export($actual, true));
    }
}

function assert_contains($needle, $haystack, $what = '')
{
    if (strpos((string) $haystack, $needle) === false) {
        throw new Exception(($what ? "{$what}: " : '') . var_export($needle, true) . ' not found in ' . var_export($haystack, true));
    }
}

function assert_not_contains($needle, $haystack, $what = '')
{
    if (strpos((string) $haystack, $needle) !== false) {
        throw new Exception(($what ? "{$what}: " : '') . var_export($needle, true) . ' must not appear in ' . var_export($haystack, true));
    }
}

/** Runs $fn expecting wp_die or a redirect; answers the halt. */
function expect_halt(callable $fn)
{
    try {
        $fn();
    } catch (WP_Shim_Halt $halt) {
        return $halt;
    }
    throw new Exception('expected the request to end (wp_die or redirect)');
}

function capture(callable $fn)
{
    ob_start();
    $fn();
    return ob_get_clean();
}

function requests_made()
{
    return count($GLOBALS['wp_shim_requests'] ?? array());
}

function last_request_body()
{
    $requests = $GLOBALS['wp_shim_requests'] ?? array();
    return $requests ? json_decode(end($requests)['args']['body'], true) : null;
}

/** Points the plugin at the gateway under test. */
function configure_gateway(array $overrides = array())
{
    $url = getenv('MULTIWA_TEST_GATEWAY_URL');
    if (!$url) {
        throw new Exception('MULTIWA_TEST_GATEWAY_URL is not set: run these tests through wordpress-plugin/tests/plugin.test.ts');
    }
    update_option(MULTIWA_OPTION, array_merge(multiwa_settings(), array(
        'gateway_url'  => $url,
        'api_key'      => getenv('MULTIWA_TEST_API_KEY'),
        'profile_id'   => getenv('MULTIWA_TEST_PROFILE'),
        'country_code' => '62',
    ), $overrides));
}

$files = glob(__DIR__ . '/cases/*.php');
sort($files);
foreach ($files as $file) {
    require $file;
}

$passed = 0;
$failed = 0;
foreach ($GLOBALS['tests'] as list($name, $fn)) {
    try {
        $fn();
        $passed++;
        echo "ok - {$name}\n";
    } catch (Throwable $e) {
        $failed++;
        echo "not ok - {$name}: {$e->getMessage()}\n";
    }
}
echo "{$passed} passed, {$failed} failed\n";
exit($failed > 0 || $passed === 0 ? 1 : 0);

<?php
/**
 * Runs PHP inside the test WordPress: `php eval.php ROOT < code`, with LH_URL in the environment.
 * The code (without `<?php`) runs after wp-load.php; if LH_ARGS holds JSON, it is decoded into
 * $args first. Whatever the code prints is the result.
 */
$root = $argv[1];
$url = parse_url(getenv('LH_URL'));
$_SERVER['HTTP_HOST'] = $url['host'] . ':' . $url['port'];
$_SERVER['SERVER_NAME'] = $url['host'];
$_SERVER['SERVER_PORT'] = (string) $url['port'];
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';

require $root . '/wp-load.php';

$args = json_decode(getenv('LH_ARGS') ?: 'null', true);
$__code = stream_get_contents(STDIN);
$__code = preg_replace('/^\s*<\?php\b/', '', $__code);
eval($__code);

<?php
/**
 * Router for `php -S` in front of the test WordPress (tests/wordpress_server.py).
 *
 * Existing files are served by the built-in server itself (static files as they are, *.php files
 * executed, directories through their index.php); every other path goes to WordPress's index.php,
 * as Apache's mod_rewrite rules would, so pretty permalinks and /wp-json/ both work.
 */
$root = rtrim($_SERVER['DOCUMENT_ROOT'], '/');
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
if ($path !== '/') {
    $file = realpath($root . $path);
    if ($file !== false && strpos($file, $root . '/') === 0) {
        if (is_file($file) || (is_dir($file) && is_file($file . '/index.php'))) {
            return false;
        }
    }
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
chdir($root);
require $root . '/index.php';

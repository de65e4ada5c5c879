<?php
/**
 * Installs the test WordPress: `php install.php ROOT` with the settings in the environment
 * (LH_URL, LH_DB_SOCKET, LH_DB_NAME, LH_TITLE, LH_ADMIN_USER, LH_ADMIN_PASSWORD, LH_ADMIN_EMAIL).
 * Creates the database, runs wp_install(), sets pretty permalinks (/%postname%/) and creates the
 * admin's application password. Prints one line of JSON: {"user_id": .., "app_password": ".."}.
 */
$root = $argv[1];
$env = function ($name) {
    $value = getenv($name);
    if ($value === false) {
        fwrite(STDERR, "install.php: $name is not set\n");
        exit(2);
    }
    return $value;
};

// The database: mariadbd may still be starting, so try for a few seconds.
mysqli_report(MYSQLI_REPORT_OFF);
$deadline = microtime(true) + 20;
while (true) {
    $db = @mysqli_connect('localhost', 'root', '', '', 0, $env('LH_DB_SOCKET'));
    if ($db) {
        break;
    }
    if (microtime(true) > $deadline) {
        fwrite(STDERR, 'install.php: cannot connect to MariaDB: ' . mysqli_connect_error() . "\n");
        exit(1);
    }
    usleep(20000);
}
$name = $env('LH_DB_NAME');
if (!mysqli_query($db, "CREATE DATABASE IF NOT EXISTS `$name` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")) {
    fwrite(STDERR, 'install.php: CREATE DATABASE failed: ' . mysqli_error($db) . "\n");
    exit(1);
}
mysqli_close($db);

$url = parse_url($env('LH_URL'));
$_SERVER['HTTP_HOST'] = $url['host'] . ':' . $url['port'];
$_SERVER['SERVER_NAME'] = $url['host'];
$_SERVER['SERVER_PORT'] = (string) $url['port'];
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';

define('WP_INSTALLING', true);
require $root . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

// No HTTP during the install: wp_install() probes pretty permalinks with requests to the site,
// which is not being served yet.
add_filter('pre_http_request', function () {
    return new WP_Error('http_request_blocked', 'No HTTP while installing the test site.');
});

$result = wp_install(
    $env('LH_TITLE'),
    $env('LH_ADMIN_USER'),
    $env('LH_ADMIN_EMAIL'),
    true,
    '',
    wp_slash($env('LH_ADMIN_PASSWORD'))
);
if (is_wp_error($result) || empty($result['user_id'])) {
    fwrite(STDERR, "install.php: wp_install() failed\n");
    exit(1);
}

update_option('blogdescription', 'A WordPress for Longhand\'s tests');
update_option('default_pingback_flag', 0);  // no pings to the links in a post
update_option('default_ping_status', 'closed');

global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
$wp_rewrite->flush_rules(false);

$created = WP_Application_Passwords::create_new_application_password(
    $result['user_id'],
    array('name' => 'longhand-tests')
);
if (is_wp_error($created)) {
    fwrite(STDERR, 'install.php: application password: ' . $created->get_error_message() . "\n");
    exit(1);
}
echo json_encode(array('user_id' => (int) $result['user_id'], 'app_password' => $created[0])), "\n";

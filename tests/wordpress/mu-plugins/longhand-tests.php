<?php
/**
 * Plugin Name: Longhand test site
 * Description: Settings of the WordPress that Longhand's tests start (tests/wordpress_server.py).
 */

// No mail server: every mail "succeeds" and is appended, as one JSON line, to LONGHAND_TEST_MAIL_LOG.
add_filter('pre_wp_mail', function ($return, $atts) {
    if (defined('LONGHAND_TEST_MAIL_LOG')) {
        file_put_contents(LONGHAND_TEST_MAIL_LOG, json_encode($atts) . "\n", FILE_APPEND | LOCK_EX);
    }
    return true;
}, 10, 2);

// Tests post comments in quick succession: no "you are posting comments too quickly".
add_filter('comment_flood_filter', '__return_false', 99);
remove_filter('wp_is_comment_flood', 'wp_check_comment_flood', 10);
remove_action('check_comment_flood', 'check_comment_flood_db', 10);

// php -S speaks no https: tell WordPress so, instead of letting WP-Cron probe https://127.0.0.1:PORT/.
add_filter('pre_wp_update_https_detection_errors', function () {
    return new WP_Error('longhand_tests_no_https', 'The test server speaks plain http only.');
});

// A test turns application passwords off (as a security plugin or an administrator would) with this option.
add_filter('wp_is_application_passwords_available', function ($available) {
    return get_option('longhand_tests_no_app_passwords') ? false : $available;
});

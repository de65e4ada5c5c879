<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>AddBlogDialog</name>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding the blog; your system keyring may ask you to unlock it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Blog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An application password, not your login password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The site&apos;s host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect with browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve Longhand on the blog&apos;s own page, signed in as usual: no password to copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blog type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name in Longhand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No blog backend is installed, so Longhand cannot talk to a blog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or with your {secret}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/home/you/blog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the kind of blog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the blog&apos;s folder on this computer ({url} is not a folder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the blog&apos;s address, such as https://example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{url} is not a web address (it should look like https://example.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your {user} on the blog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the {secret} ({hint}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the {secret}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to {blog} as {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the blog…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve Longhand for {blog} in your browser. If no browser opened, open &lt;a href=&quot;{page}&quot;&gt;this address&lt;/a&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArchiveFiles</name>
    <message>
        <source>Import WordPress Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WordPress export (*.xml);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem} Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export All Drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drafts written to {folder}: {count}. A name already taken got -2, -3, … (nothing overwritten).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as HTML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BlogsDialog</name>
    <message>
        <source>Blogs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect with browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve Longhand for {blog} in your browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{address} · signed in as {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No blogs yet. Add one to publish your drafts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the blog…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Blog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove “{blog}” from Longhand? Its password and its unsent jobs are deleted; your drafts stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing “{blog}”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed “{blog}”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrowserConnections</name>
    <message>
        <source>Longhand could not ask the blog.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColorScheme</name>
    <message>
        <source>&amp;Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommentActions</name>
    <message>
        <source>j/k move · r reply · a approve · s spam · # trash · u unread · e edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Un&amp;approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Spam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not &amp;spam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to this comment (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit this comment&apos;s text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete for Good…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected comments for good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete comment for good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{action} the selected comments ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit queued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete for Good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this comment for good?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete these {count} comments for good?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The blog cannot bring a deleted comment back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its reply stays, moved up a level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their {count} replies stay, moved up a level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The others selected cannot be deleted here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete for Good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete for good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletion queued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommentEditDialog</name>
    <message>
        <source>Edit Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment by {author}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The comment in Markdown — Ctrl+Enter saves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment text (Markdown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the comment will look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the edited comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommentNotifications</name>
    <message>
        <source>&amp;Notify of New Comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell me when a sync brings comments I have not read</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommentSearchBox</name>
    <message>
        <source>Search comments, authors, posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search comments</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommentTray</name>
    <message>
        <source>Longhand — 1 unread comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longhand — {count} unread comments</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Loading the blog&apos;s version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged (edit this; it is what will be published)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The blog&apos;s version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep mine (overwrite the blog)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the blog&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This post was changed on the blog since you last published it. Choose the version to keep; both versions stay in the revision history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the blog&apos;s version: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish the merged version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your version could not be saved, so nothing was sent; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taking the blog&apos;s version…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <source>Load images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this comment&apos;s pictures (they come from other sites, which then learn that you read it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No comment selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to {author}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply queued; it is sent when the blog can be reached.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DesktopNotifications</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiskChangeBar</name>
    <message>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the draft with the file; the draft&apos;s text is kept as a revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} changed on disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} was deleted or moved away; the draft is kept in Longhand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} can no longer be read; the draft is kept in Longhand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DraftsSidebar</name>
    <message>
        <source>Search drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted “{title}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditorStatusBar</name>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words added to any draft today, in every window; deleting does not take them back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publishing and replies wait in the outbox until the network is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes} min read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} word today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} words today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FocusMode</name>
    <message>
        <source>Distraction-&amp;Free Writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave Distraction-Free Writing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Longhand {version}&lt;/h3&gt;&lt;p&gt;An offline-first desktop blog editor.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Longhand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Longhand</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Saved by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The blog&apos;s version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No differences: the draft is the same as this revision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore This Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes from the selected revision to the draft as it is now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No revisions yet. Press Ctrl+S to keep one; Longhand also keeps one every few minutes while you write.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InboxList</name>
    <message>
        <source>All comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unread comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show these comments: {view}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blog filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All blogs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some of these comments are on a blog that cannot have them approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some of these comments are on a blog that cannot have them held.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some of these comments are on a blog that cannot have them marked as spam.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some of these comments are on a blog that cannot have them moved to the trash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} held.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} marked as spam.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} moved to the trash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinkedFileView</name>
    <message>
        <source>{problem}: reload it or keep yours, then save again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem}; the draft is saved in Longhand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved, and written to {file}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inbox ({count} unread)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} — Longhand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last changes could not be saved. Close anyway and lose them?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarkdownEditor</name>
    <message>
        <source>Markdown text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarkdownFiles</name>
    <message>
        <source>Import Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md *.markdown *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write {file}: {problem}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MediaPanel</name>
    <message>
        <source>Media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures in this draft&apos;s media folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Insert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert the picture at the cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the picture&apos;s file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove &amp;Unused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete every picture the draft does not use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media folder summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media panel message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 file, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%2 files, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; %1 unused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is used (%2), so it was not deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 (%2) from this draft&apos;s media folder? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete 1 unused file (%1) from this draft&apos;s media folder? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %2 unused files (%1) from this draft&apos;s media folder? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Unused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted 1 file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted %2 files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 freed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Media</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision &amp;History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import Markdown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Markdown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert &amp;Picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sidebar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post &amp;Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Blog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Publish…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to the Blog&apos;s &amp;Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Blogs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment &amp;Inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fetch New Comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpenFromBlogDialog</name>
    <message>
        <source>Open from Blog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posts or pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search titles and text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posts on the blog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open as a draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of your blogs can list its posts here; add a WordPress blog (Blog ▸ Blogs…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking {blog}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first}–{last} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening “{title}”…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutboxPanel</name>
    <message>
        <source>Outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbox jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(deleted draft)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PictureInserter</name>
    <message>
        <source>Insert Picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not copy the picture into the draft&apos;s folder: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PostFieldsPanel</name>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tags, separated, by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>categories, separated, by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post or page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When a scheduled post goes live (your local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publication date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excerpt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is on its blog as a post or a page already, and stays one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This blog has no pages, only posts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A post is dated and listed on the blog; a page stands on its own.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <source>Publish now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save on the blog as a draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish privately</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This draft is a page, and this blog has no pages: make it a post in the post fields, or choose a blog that has pages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goes live on {when} (the time in the post fields).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PublishStatus</name>
    <message>
        <source>On the blog — {address}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplyBox</name>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply text (Markdown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a reply in Markdown — Ctrl+Enter sends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the reply will look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Spelling</name>
    <message>
        <source>&amp;Spelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check Spelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add to Dictionary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default Language (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not installed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dictionaries are installed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThemeToggle</name>
    <message>
        <source>Blog &amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the draft in its blog&apos;s own theme (fetched once, then offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching the blog&apos;s theme…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebPreview</name>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

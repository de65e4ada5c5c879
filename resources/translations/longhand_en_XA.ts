<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_XA">
<context>
    <name>AddBlogDialog</name>
    <message>
        <source>Checking…</source>
        <translation>[Çhéçkîñĝ…]</translation>
    </message>
    <message>
        <source>Adding the blog; your system keyring may ask you to unlock it…</source>
        <translation>[Àddîñĝ thé blöĝ; ýöûŕ šýštém kéýŕîñĝ màý àšk ýöû tö ûñlöçk ît…]</translation>
    </message>
    <message>
        <source>Add Blog</source>
        <translation>[Àdd Blöĝ]</translation>
    </message>
    <message>
        <source>https://example.com</source>
        <translation>[httpš://éxàmplé.çöm]</translation>
    </message>
    <message>
        <source>An application password, not your login password</source>
        <translation>[Àñ àpplîçàtîöñ pàššwöŕd, ñöt ýöûŕ löĝîñ pàššwöŕd]</translation>
    </message>
    <message>
        <source>The site's host name</source>
        <translation>[Thé šîté'š höšt ñàmé]</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>[Téšt çöññéçtîöñ]</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>[Àdd]</translation>
    </message>
    <message>
        <source>Connect with browser</source>
        <translation>[Çöññéçt wîth bŕöwšéŕ]</translation>
    </message>
    <message>
        <source>Approve Longhand on the blog's own page, signed in as usual: no password to copy</source>
        <translation>[Àppŕövé Ĺöñĝhàñd öñ thé blöĝ'š öwñ pàĝé, šîĝñéd îñ àš ûšûàl: ñö pàššwöŕd tö çöpý]</translation>
    </message>
    <message>
        <source>Blog type</source>
        <translation>[Blöĝ týpé]</translation>
    </message>
    <message>
        <source>Site address</source>
        <translation>[Šîté àddŕéšš]</translation>
    </message>
    <message>
        <source>Name in Longhand</source>
        <translation>[Ñàmé îñ Ĺöñĝhàñd]</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>[Ûšéŕ ñàmé]</translation>
    </message>
    <message>
        <source>Application password</source>
        <translation>[Àpplîçàtîöñ pàššwöŕd]</translation>
    </message>
    <message>
        <source>No blog backend is installed, so Longhand cannot talk to a blog.</source>
        <translation>[Ñö blöĝ bàçkéñd îš îñštàlléd, šö Ĺöñĝhàñd çàññöt tàlk tö à blöĝ.]</translation>
    </message>
    <message>
        <source>password</source>
        <translation>[pàššwöŕd]</translation>
    </message>
    <message>
        <source>Or with your {secret}:</source>
        <translation>[Öŕ wîth ýöûŕ {secret}:]</translation>
    </message>
    <message>
        <source>/home/you/blog</source>
        <translation>[/hömé/ýöû/blöĝ]</translation>
    </message>
    <message>
        <source>Choose the kind of blog.</source>
        <translation>[Çhööšé thé kîñd öf blöĝ.]</translation>
    </message>
    <message>
        <source>Enter the blog's folder on this computer ({url} is not a folder).</source>
        <translation>[Éñtéŕ thé blöĝ'š földéŕ öñ thîš çömpûtéŕ ({url} îš ñöt à földéŕ).]</translation>
    </message>
    <message>
        <source>none given</source>
        <translation>[ñöñé ĝîvéñ]</translation>
    </message>
    <message>
        <source>Enter the blog's address, such as https://example.com.</source>
        <translation>[Éñtéŕ thé blöĝ'š àddŕéšš, šûçh àš httpš://éxàmplé.çöm.]</translation>
    </message>
    <message>
        <source>{url} is not a web address (it should look like https://example.com).</source>
        <translation>[{url} îš ñöt à wéb àddŕéšš (ît šhöûld löök lîké httpš://éxàmplé.çöm).]</translation>
    </message>
    <message>
        <source>Enter your {user} on the blog.</source>
        <translation>[Éñtéŕ ýöûŕ {user} öñ thé blöĝ.]</translation>
    </message>
    <message>
        <source>Enter the {secret} ({hint}).</source>
        <translation>[Éñtéŕ thé {secret} ({hint}).]</translation>
    </message>
    <message>
        <source>Enter the {secret}.</source>
        <translation>[Éñtéŕ thé {secret}.]</translation>
    </message>
    <message>
        <source>Connected to {blog} as {user}</source>
        <translation>[Çöññéçtéd tö {blog} àš {user}]</translation>
    </message>
    <message>
        <source>Asking the blog…</source>
        <translation>[Àškîñĝ thé blöĝ…]</translation>
    </message>
    <message>
        <source>Approve Longhand for {blog} in your browser. If no browser opened, open &lt;a href="{page}"&gt;this address&lt;/a&gt;.</source>
        <translation>[Àppŕövé Ĺöñĝhàñd föŕ {blog} îñ ýöûŕ bŕöwšéŕ. Îf ñö bŕöwšéŕ öpéñéd, öpéñ &lt;a href="{page}"&gt;thîš àddŕéšš&lt;/a&gt;.]</translation>
    </message>
</context>
<context>
    <name>ArchiveFiles</name>
    <message>
        <source>Import WordPress Export</source>
        <translation>[Împöŕt WöŕdPŕéšš Éxpöŕt]</translation>
    </message>
    <message>
        <source>WordPress export (*.xml);;All files (*)</source>
        <translation>[WöŕdPŕéšš éxpöŕt] (*.xml);;[Àll fîléš] (*)</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>[Împöŕtîñĝ {name}…]</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>[Împöŕt pŕöĝŕéšš]</translation>
    </message>
    <message>
        <source>{problem} Nothing was imported.</source>
        <translation>[{problem} Ñöthîñĝ wàš împöŕtéd.]</translation>
    </message>
    <message>
        <source>Export All Drafts</source>
        <translation>[Éxpöŕt Àll Dŕàftš]</translation>
    </message>
    <message>
        <source>Drafts written to {folder}: {count}. A name already taken got -2, -3, … (nothing overwritten).</source>
        <translation>[Dŕàftš wŕîttéñ tö {folder}: {count}. À ñàmé àlŕéàdý tàkéñ ĝöt -2, -3, … (ñöthîñĝ övéŕwŕîttéñ).]</translation>
    </message>
    <message>
        <source>Export as HTML</source>
        <translation>[Éxpöŕt àš HTMĹ]</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>[Wéb pàĝé] (*.html)</translation>
    </message>
</context>
<context>
    <name>BlogsDialog</name>
    <message>
        <source>Blogs</source>
        <translation>[Blöĝš]</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>[Àdd…]</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>[Ŕémövé]</translation>
    </message>
    <message>
        <source>Connect with browser</source>
        <translation>[Çöññéçt wîth bŕöwšéŕ]</translation>
    </message>
    <message>
        <source>Approve Longhand for {blog} in your browser.</source>
        <translation>[Àppŕövé Ĺöñĝhàñd föŕ {blog} îñ ýöûŕ bŕöwšéŕ.]</translation>
    </message>
    <message>
        <source>{address} · signed in as {user}</source>
        <translation>[{address} · šîĝñéd îñ àš {user}]</translation>
    </message>
    <message>
        <source>No blogs yet. Add one to publish your drafts.</source>
        <translation>[Ñö blöĝš ýét. Àdd öñé tö pûblîšh ýöûŕ dŕàftš.]</translation>
    </message>
    <message>
        <source>Asking the blog…</source>
        <translation>[Àškîñĝ thé blöĝ…]</translation>
    </message>
    <message>
        <source>Remove Blog</source>
        <translation>[Ŕémövé Blöĝ]</translation>
    </message>
    <message>
        <source>Remove “{blog}” from Longhand? Its password and its unsent jobs are deleted; your drafts stay.</source>
        <translation>[Ŕémövé “{blog}” fŕöm Ĺöñĝhàñd? Îtš pàššwöŕd àñd îtš ûñšéñt jöbš àŕé délétéd; ýöûŕ dŕàftš štàý.]</translation>
    </message>
    <message>
        <source>Removing “{blog}”…</source>
        <translation>[Ŕémövîñĝ “{blog}”…]</translation>
    </message>
    <message>
        <source>Removed “{blog}”.</source>
        <translation>[Ŕémövéd “{blog}”.]</translation>
    </message>
</context>
<context>
    <name>BrowserConnections</name>
    <message>
        <source>Longhand could not ask the blog.</source>
        <translation>[Ĺöñĝhàñd çöûld ñöt àšk thé blöĝ.]</translation>
    </message>
</context>
<context>
    <name>ColorScheme</name>
    <message>
        <source>&amp;Appearance</source>
        <translation>[&amp;Àppéàŕàñçé]</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>[Àppéàŕàñçé]</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>[&amp;Šýštém]</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>[&amp;Ĺîĝht]</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>[&amp;Dàŕk]</translation>
    </message>
</context>
<context>
    <name>CommentActions</name>
    <message>
        <source>j/k move · r reply · a approve · s spam · # trash · u unread · e edit</source>
        <translation>[j/k mövé · ŕ ŕéplý · à àppŕövé · š špàm · # tŕàšh · û ûñŕéàd · é édît]</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>[&amp;Àppŕövé]</translation>
    </message>
    <message>
        <source>Un&amp;approve</source>
        <translation>[Ûñ&amp;àppŕövé]</translation>
    </message>
    <message>
        <source>&amp;Spam</source>
        <translation>[&amp;Špàm]</translation>
    </message>
    <message>
        <source>Not &amp;spam</source>
        <translation>[Ñöt &amp;špàm]</translation>
    </message>
    <message>
        <source>&amp;Trash</source>
        <translation>[&amp;Tŕàšh]</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>[&amp;Ŕéštöŕé]</translation>
    </message>
    <message>
        <source>Reply to this comment (R)</source>
        <translation>[Ŕéplý tö thîš çömméñt (Ŕ)]</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>[&amp;Édît…]</translation>
    </message>
    <message>
        <source>Edit this comment's text</source>
        <translation>[Édît thîš çömméñt'š téxt]</translation>
    </message>
    <message>
        <source>&amp;Delete for Good…</source>
        <translation>[&amp;Délété föŕ Ĝööd…]</translation>
    </message>
    <message>
        <source>Delete the selected comments for good</source>
        <translation>[Délété thé šéléçtéd çömméñtš föŕ ĝööd]</translation>
    </message>
    <message>
        <source>Comment actions</source>
        <translation>[Çömméñt àçtîöñš]</translation>
    </message>
    <message>
        <source>Edit comment</source>
        <translation>[Édît çömméñt]</translation>
    </message>
    <message>
        <source>Delete comment for good</source>
        <translation>[Délété çömméñt föŕ ĝööd]</translation>
    </message>
    <message>
        <source>{action} the selected comments ({key})</source>
        <translation>[{action} thé šéléçtéd çömméñtš ({key})]</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>[Ŕéplý]</translation>
    </message>
    <message>
        <source>Edit queued.</source>
        <translation>[Édît qûéûéd.]</translation>
    </message>
    <message>
        <source>Delete for Good</source>
        <translation>[Délété föŕ Ĝööd]</translation>
    </message>
    <message>
        <source>Delete this comment for good?</source>
        <translation>[Délété thîš çömméñt föŕ ĝööd?]</translation>
    </message>
    <message>
        <source>Delete these {count} comments for good?</source>
        <translation>[Délété théšé {count} çömméñtš föŕ ĝööd?]</translation>
    </message>
    <message>
        <source>The blog cannot bring a deleted comment back.</source>
        <translation>[Thé blöĝ çàññöt bŕîñĝ à délétéd çömméñt bàçk.]</translation>
    </message>
    <message>
        <source>Its reply stays, moved up a level.</source>
        <translation>[Îtš ŕéplý štàýš, mövéd ûp à lévél.]</translation>
    </message>
    <message>
        <source>Their {count} replies stay, moved up a level.</source>
        <translation>[Théîŕ {count} ŕéplîéš štàý, mövéd ûp à lévél.]</translation>
    </message>
    <message>
        <source>The others selected cannot be deleted here.</source>
        <translation>[Thé öthéŕš šéléçtéd çàññöt bé délétéd héŕé.]</translation>
    </message>
    <message>
        <source>&amp;Delete for Good</source>
        <translation>[&amp;Délété föŕ Ĝööd]</translation>
    </message>
    <message>
        <source>Delete for good</source>
        <translation>[Délété föŕ ĝööd]</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>[Çàñçél]</translation>
    </message>
    <message>
        <source>Deletion queued.</source>
        <translation>[Délétîöñ qûéûéd.]</translation>
    </message>
    <message>
        <source>Co&amp;mment</source>
        <translation>[Çö&amp;mméñt]</translation>
    </message>
</context>
<context>
    <name>CommentEditDialog</name>
    <message>
        <source>Edit Comment</source>
        <translation>[Édît Çömméñt]</translation>
    </message>
    <message>
        <source>Edit comment</source>
        <translation>[Édît çömméñt]</translation>
    </message>
    <message>
        <source>Comment by {author}</source>
        <translation>[Çömméñt bý {author}]</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>[Àñöñýmöûš]</translation>
    </message>
    <message>
        <source>The comment in Markdown — Ctrl+Enter saves</source>
        <translation>[Thé çömméñt îñ Màŕkdöwñ — Çtŕl+Éñtéŕ šàvéš]</translation>
    </message>
    <message>
        <source>Comment text (Markdown)</source>
        <translation>[Çömméñt téxt (Màŕkdöwñ)]</translation>
    </message>
    <message>
        <source>How the comment will look</source>
        <translation>[Höw thé çömméñt wîll löök]</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>[&amp;Šàvé]</translation>
    </message>
    <message>
        <source>Save the edited comment</source>
        <translation>[Šàvé thé édîtéd çömméñt]</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>[Çàñçél]</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>[Çàñçél édîtîñĝ]</translation>
    </message>
</context>
<context>
    <name>CommentNotifications</name>
    <message>
        <source>&amp;Notify of New Comments</source>
        <translation>[&amp;Ñötîfý öf Ñéw Çömméñtš]</translation>
    </message>
    <message>
        <source>Tell me when a sync brings comments I have not read</source>
        <translation>[Téll mé whéñ à šýñç bŕîñĝš çömméñtš Î hàvé ñöt ŕéàd]</translation>
    </message>
</context>
<context>
    <name>CommentSearchBox</name>
    <message>
        <source>Search comments, authors, posts</source>
        <translation>[Šéàŕçh çömméñtš, àûthöŕš, pöštš]</translation>
    </message>
    <message>
        <source>Search comments</source>
        <translation>[Šéàŕçh çömméñtš]</translation>
    </message>
</context>
<context>
    <name>CommentTray</name>
    <message>
        <source>Longhand — 1 unread comment</source>
        <translation>[Ĺöñĝhàñd — 1 ûñŕéàd çömméñt]</translation>
    </message>
    <message>
        <source>Longhand — {count} unread comments</source>
        <translation>[Ĺöñĝhàñd — {count} ûñŕéàd çömméñtš]</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Loading the blog's version…</source>
        <translation>[Ĺöàdîñĝ thé blöĝ'š véŕšîöñ…]</translation>
    </message>
    <message>
        <source>Resolve Conflict</source>
        <translation>[Ŕéšölvé Çöñflîçt]</translation>
    </message>
    <message>
        <source>Merged (edit this; it is what will be published)</source>
        <translation>[Méŕĝéd (édît thîš; ît îš whàt wîll bé pûblîšhéd)]</translation>
    </message>
    <message>
        <source>Your version</source>
        <translation>[Ýöûŕ véŕšîöñ]</translation>
    </message>
    <message>
        <source>The blog's version</source>
        <translation>[Thé blöĝ'š véŕšîöñ]</translation>
    </message>
    <message>
        <source>Keep mine (overwrite the blog)</source>
        <translation>[Kéép mîñé (övéŕwŕîté thé blöĝ)]</translation>
    </message>
    <message>
        <source>Take the blog's</source>
        <translation>[Tàké thé blöĝ'š]</translation>
    </message>
    <message>
        <source>Merge by hand</source>
        <translation>[Méŕĝé bý hàñd]</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>[Tŕý àĝàîñ]</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>[Déçîdé làtéŕ]</translation>
    </message>
    <message>
        <source>This post was changed on the blog since you last published it. Choose the version to keep; both versions stay in the revision history.</source>
        <translation>[Thîš pöšt wàš çhàñĝéd öñ thé blöĝ šîñçé ýöû làšt pûblîšhéd ît. Çhööšé thé véŕšîöñ tö kéép; böth véŕšîöñš štàý îñ thé ŕévîšîöñ hîštöŕý.]</translation>
    </message>
    <message>
        <source>Could not read the blog's version: {error}</source>
        <translation>[Çöûld ñöt ŕéàd thé blöĝ'š véŕšîöñ: {error}]</translation>
    </message>
    <message>
        <source>Publish the merged version</source>
        <translation>[Pûblîšh thé méŕĝéd véŕšîöñ]</translation>
    </message>
    <message>
        <source>Your version could not be saved, so nothing was sent; try again.</source>
        <translation>[Ýöûŕ véŕšîöñ çöûld ñöt bé šàvéd, šö ñöthîñĝ wàš šéñt; tŕý àĝàîñ.]</translation>
    </message>
    <message>
        <source>Taking the blog's version…</source>
        <translation>[Tàkîñĝ thé blöĝ'š véŕšîöñ…]</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <source>Load images</source>
        <translation>[Ĺöàd îmàĝéš]</translation>
    </message>
    <message>
        <source>Show this comment's pictures (they come from other sites, which then learn that you read it)</source>
        <translation>[Šhöw thîš çömméñt'š pîçtûŕéš (théý çömé fŕöm öthéŕ šîtéš, whîçh théñ léàŕñ thàt ýöû ŕéàd ît)]</translation>
    </message>
    <message>
        <source>No comment selected</source>
        <translation>[Ñö çömméñt šéléçtéd]</translation>
    </message>
    <message>
        <source>Post {id}</source>
        <translation>[Pöšt {id}]</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>[Àñöñýmöûš]</translation>
    </message>
    <message>
        <source>Reply to {author}</source>
        <translation>[Ŕéplý tö {author}]</translation>
    </message>
    <message>
        <source>Reply queued; it is sent when the blog can be reached.</source>
        <translation>[Ŕéplý qûéûéd; ît îš šéñt whéñ thé blöĝ çàñ bé ŕéàçhéd.]</translation>
    </message>
</context>
<context>
    <name>DesktopNotifications</name>
    <message>
        <source>Open</source>
        <translation>[Öpéñ]</translation>
    </message>
</context>
<context>
    <name>DiskChangeBar</name>
    <message>
        <source>Reload</source>
        <translation>[Ŕélöàd]</translation>
    </message>
    <message>
        <source>Replace the draft with the file; the draft's text is kept as a revision</source>
        <translation>[Ŕéplàçé thé dŕàft wîth thé fîlé; thé dŕàft'š téxt îš képt àš à ŕévîšîöñ]</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>[Kéép mîñé]</translation>
    </message>
    <message>
        <source>{file} changed on disk.</source>
        <translation>[{file} çhàñĝéd öñ dîšk.]</translation>
    </message>
    <message>
        <source>{file} was deleted or moved away; the draft is kept in Longhand.</source>
        <translation>[{file} wàš délétéd öŕ mövéd àwàý; thé dŕàft îš képt îñ Ĺöñĝhàñd.]</translation>
    </message>
    <message>
        <source>{file} can no longer be read; the draft is kept in Longhand.</source>
        <translation>[{file} çàñ ñö löñĝéŕ bé ŕéàd; thé dŕàft îš képt îñ Ĺöñĝhàñd.]</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>[Dîšmîšš]</translation>
    </message>
</context>
<context>
    <name>DraftsSidebar</name>
    <message>
        <source>Search drafts</source>
        <translation>[Šéàŕçh dŕàftš]</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>[Dŕàftš]</translation>
    </message>
    <message>
        <source>New</source>
        <translation>[Ñéw]</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>[Délété]</translation>
    </message>
    <message>
        <source>Deleted “{title}”</source>
        <translation>[Délétéd “{title}”]</translation>
    </message>
</context>
<context>
    <name>EditorStatusBar</name>
    <message>
        <source>Saved</source>
        <translation>[Šàvéd]</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>[Šàvîñĝ…]</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>[Ñöt šàvéd]</translation>
    </message>
    <message>
        <source>Words added to any draft today, in every window; deleting does not take them back</source>
        <translation>[Wöŕdš àddéd tö àñý dŕàft tödàý, îñ évéŕý wîñdöw; délétîñĝ döéš ñöt tàké thém bàçk]</translation>
    </message>
    <message>
        <source>Publishing and replies wait in the outbox until the network is back</source>
        <translation>[Pûblîšhîñĝ àñd ŕéplîéš wàît îñ thé öûtböx ûñtîl thé ñétwöŕk îš bàçk]</translation>
    </message>
    <message>
        <source>{count} word</source>
        <translation>[{count} wöŕd]</translation>
    </message>
    <message>
        <source>{count} words</source>
        <translation>[{count} wöŕdš]</translation>
    </message>
    <message>
        <source>{minutes} min read</source>
        <translation>[{minutes} mîñ ŕéàd]</translation>
    </message>
    <message>
        <source>{count} word today</source>
        <translation>[{count} wöŕd tödàý]</translation>
    </message>
    <message>
        <source>{count} words today</source>
        <translation>[{count} wöŕdš tödàý]</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>[Öfflîñé]</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>&amp;Find…</source>
        <translation>[&amp;Fîñd…]</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>[Fîñd &amp;Ñéxt]</translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation>[Fîñd Pŕé&amp;vîöûš]</translation>
    </message>
    <message>
        <source>&amp;Replace…</source>
        <translation>[&amp;Ŕéplàçé…]</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>[Fîñd]</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>[Pŕévîöûš màtçh]</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>[Ñéxt màtçh]</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>[Màtçh çàšé]</translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation>[Whölé wöŕdš]</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>[Ŕéĝûlàŕ éxpŕéššîöñ]</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>[Çlöšé (Éšç)]</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>[Çlöšé]</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>[Ŕéplàçé wîth]</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>[Ŕéplàçé]</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>[Ŕéplàçé Àll]</translation>
    </message>
</context>
<context>
    <name>FocusMode</name>
    <message>
        <source>Distraction-&amp;Free Writing</source>
        <translation>[Dîštŕàçtîöñ-&amp;Fŕéé Wŕîtîñĝ]</translation>
    </message>
    <message>
        <source>Leave Distraction-Free Writing</source>
        <translation>[Ĺéàvé Dîštŕàçtîöñ-Fŕéé Wŕîtîñĝ]</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>Window</source>
        <translation>[Wîñdöw]</translation>
    </message>
    <message>
        <source>Comment List</source>
        <translation>[Çömméñt Ĺîšt]</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>[ûñkñöwñ]</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Longhand {version}&lt;/h3&gt;&lt;p&gt;An offline-first desktop blog editor.&lt;/p&gt;</source>
        <translation>[&lt;h3&gt;Ĺöñĝhàñd {version}&lt;/h3&gt;&lt;p&gt;Àñ öfflîñé-fîŕšt déšktöp blöĝ édîtöŕ.&lt;/p&gt;]</translation>
    </message>
    <message>
        <source>About Longhand</source>
        <translation>[Àböût Ĺöñĝhàñd]</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>[&amp;Kéýböàŕd Šhöŕtçûtš]</translation>
    </message>
    <message>
        <source>&amp;About Longhand</source>
        <translation>[&amp;Àböût Ĺöñĝhàñd]</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Saved by you</source>
        <translation>[Šàvéd bý ýöû]</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>[Pûblîšhéd]</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>[Àûtömàtîç]</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>[Béföŕé à ŕéštöŕé]</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>[Împöŕtéd]</translation>
    </message>
    <message>
        <source>The blog's version</source>
        <translation>[Thé blöĝ'š véŕšîöñ]</translation>
    </message>
    <message>
        <source>No differences: the draft is the same as this revision.</source>
        <translation>[Ñö dîfféŕéñçéš: thé dŕàft îš thé šàmé àš thîš ŕévîšîöñ.]</translation>
    </message>
    <message>
        <source>Revision History</source>
        <translation>[Ŕévîšîöñ Hîštöŕý]</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>[Ŕévîšîöñš]</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>[Çhàñĝéš]</translation>
    </message>
    <message>
        <source>Restore This Revision</source>
        <translation>[Ŕéštöŕé Thîš Ŕévîšîöñ]</translation>
    </message>
    <message>
        <source>Changes from the selected revision to the draft as it is now:</source>
        <translation>[Çhàñĝéš fŕöm thé šéléçtéd ŕévîšîöñ tö thé dŕàft àš ît îš ñöw:]</translation>
    </message>
    <message>
        <source>No revisions yet. Press Ctrl+S to keep one; Longhand also keeps one every few minutes while you write.</source>
        <translation>[Ñö ŕévîšîöñš ýét. Pŕéšš Çtŕl+Š tö kéép öñé; Ĺöñĝhàñd àlšö kéépš öñé évéŕý féw mîñûtéš whîlé ýöû wŕîté.]</translation>
    </message>
</context>
<context>
    <name>InboxList</name>
    <message>
        <source>All comments</source>
        <translation>[Àll çömméñtš]</translation>
    </message>
    <message>
        <source>Unread comments</source>
        <translation>[Ûñŕéàd çömméñtš]</translation>
    </message>
    <message>
        <source>Pending comments</source>
        <translation>[Péñdîñĝ çömméñtš]</translation>
    </message>
    <message>
        <source>Approved comments</source>
        <translation>[Àppŕövéd çömméñtš]</translation>
    </message>
    <message>
        <source>Spam</source>
        <translation>[Špàm]</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>[Tŕàšh]</translation>
    </message>
    <message>
        <source>Show these comments: {view}</source>
        <translation>[Šhöw théšé çömméñtš: {view}]</translation>
    </message>
    <message>
        <source>Blog filter</source>
        <translation>[Blöĝ fîltéŕ]</translation>
    </message>
    <message>
        <source>Post filter</source>
        <translation>[Pöšt fîltéŕ]</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>[Çömméñtš]</translation>
    </message>
    <message>
        <source>All blogs</source>
        <translation>[Àll blöĝš]</translation>
    </message>
    <message>
        <source>All posts</source>
        <translation>[Àll pöštš]</translation>
    </message>
    <message>
        <source>{n} comments</source>
        <translation>[{n} çömméñtš]</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>[Çömméñt]</translation>
    </message>
    <message>
        <source>Some of these comments are on a blog that cannot have them approved.</source>
        <translation>[Šömé öf théšé çömméñtš àŕé öñ à blöĝ thàt çàññöt hàvé thém àppŕövéd.]</translation>
    </message>
    <message>
        <source>Some of these comments are on a blog that cannot have them held.</source>
        <translation>[Šömé öf théšé çömméñtš àŕé öñ à blöĝ thàt çàññöt hàvé thém héld.]</translation>
    </message>
    <message>
        <source>Some of these comments are on a blog that cannot have them marked as spam.</source>
        <translation>[Šömé öf théšé çömméñtš àŕé öñ à blöĝ thàt çàññöt hàvé thém màŕkéd àš špàm.]</translation>
    </message>
    <message>
        <source>Some of these comments are on a blog that cannot have them moved to the trash.</source>
        <translation>[Šömé öf théšé çömméñtš àŕé öñ à blöĝ thàt çàññöt hàvé thém mövéd tö thé tŕàšh.]</translation>
    </message>
    <message>
        <source>{what} approved.</source>
        <translation>[{what} àppŕövéd.]</translation>
    </message>
    <message>
        <source>{what} held.</source>
        <translation>[{what} héld.]</translation>
    </message>
    <message>
        <source>{what} marked as spam.</source>
        <translation>[{what} màŕkéd àš špàm.]</translation>
    </message>
    <message>
        <source>{what} moved to the trash.</source>
        <translation>[{what} mövéd tö thé tŕàšh.]</translation>
    </message>
    <message>
        <source>All</source>
        <translation>[Àll]</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>[Ûñŕéàd]</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>[Péñdîñĝ]</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>[Àppŕövéd]</translation>
    </message>
</context>
<context>
    <name>LinkedFileView</name>
    <message>
        <source>{problem}: reload it or keep yours, then save again.</source>
        <translation>[{problem}: ŕélöàd ît öŕ kéép ýöûŕš, théñ šàvé àĝàîñ.]</translation>
    </message>
    <message>
        <source>{problem}; the draft is saved in Longhand.</source>
        <translation>[{problem}; thé dŕàft îš šàvéd îñ Ĺöñĝhàñd.]</translation>
    </message>
    <message>
        <source>Saved, and written to {file}</source>
        <translation>[Šàvéd, àñd wŕîttéñ tö {file}]</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Drafts</source>
        <translation>[Dŕàftš]</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>[Îñböx]</translation>
    </message>
    <message>
        <source>Revision saved</source>
        <translation>[Ŕévîšîöñ šàvéd]</translation>
    </message>
    <message>
        <source>Inbox ({count} unread)</source>
        <translation>[Îñböx ({count} ûñŕéàd)]</translation>
    </message>
    <message>
        <source>{title} — Longhand</source>
        <translation>[{title} — Ĺöñĝhàñd]</translation>
    </message>
    <message>
        <source>The last changes could not be saved. Close anyway and lose them?</source>
        <translation>[Thé làšt çhàñĝéš çöûld ñöt bé šàvéd. Çlöšé àñýwàý àñd löšé thém?]</translation>
    </message>
</context>
<context>
    <name>MarkdownEditor</name>
    <message>
        <source>Markdown text</source>
        <translation>[Màŕkdöwñ téxt]</translation>
    </message>
</context>
<context>
    <name>MarkdownFiles</name>
    <message>
        <source>Import Markdown</source>
        <translation>[Împöŕt Màŕkdöwñ]</translation>
    </message>
    <message>
        <source>Markdown (*.md *.markdown *.txt);;All files (*)</source>
        <translation>[Màŕkdöwñ] (*.md *.markdown *.txt);;[Àll fîléš] (*)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>[Împöŕt]</translation>
    </message>
    <message>
        <source>Export Markdown</source>
        <translation>[Éxpöŕt Màŕkdöwñ]</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>[Màŕkdöwñ] (*.md)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>[Éxpöŕt]</translation>
    </message>
    <message>
        <source>Could not write {file}: {problem}.</source>
        <translation>[Çöûld ñöt wŕîté {file}: {problem}.]</translation>
    </message>
</context>
<context>
    <name>MediaPanel</name>
    <message>
        <source>Media</source>
        <translation>[Médîà]</translation>
    </message>
    <message>
        <source>Pictures in this draft's media folder</source>
        <translation>[Pîçtûŕéš îñ thîš dŕàft'š médîà földéŕ]</translation>
    </message>
    <message>
        <source>File</source>
        <translation>[Fîlé]</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>[Šîžé]</translation>
    </message>
    <message>
        <source>In the text</source>
        <translation>[Îñ thé téxt]</translation>
    </message>
    <message>
        <source>&amp;Insert</source>
        <translation>[&amp;Îñšéŕt]</translation>
    </message>
    <message>
        <source>Insert the picture at the cursor</source>
        <translation>[Îñšéŕt thé pîçtûŕé àt thé çûŕšöŕ]</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>[&amp;Délété]</translation>
    </message>
    <message>
        <source>Delete the picture's file</source>
        <translation>[Délété thé pîçtûŕé'š fîlé]</translation>
    </message>
    <message>
        <source>Remove &amp;Unused</source>
        <translation>[Ŕémövé &amp;Ûñûšéd]</translation>
    </message>
    <message>
        <source>Delete every picture the draft does not use</source>
        <translation>[Délété évéŕý pîçtûŕé thé dŕàft döéš ñöt ûšé]</translation>
    </message>
    <message>
        <source>Media folder summary</source>
        <translation>[Médîà földéŕ šûmmàŕý]</translation>
    </message>
    <message>
        <source>Media panel message</source>
        <translation>[Médîà pàñél méššàĝé]</translation>
    </message>
    <message>
        <source>1 file, %1</source>
        <translation>[1 fîlé, %1]</translation>
    </message>
    <message>
        <source>%2 files, %1</source>
        <translation>[%2 fîléš, %1]</translation>
    </message>
    <message>
        <source>; %1 unused</source>
        <translation>[; %1 ûñûšéd]</translation>
    </message>
    <message>
        <source>Used: %1</source>
        <translation>[Ûšéd: %1]</translation>
    </message>
    <message>
        <source>Unused</source>
        <translation>[Ûñûšéd]</translation>
    </message>
    <message>
        <source>%1 is used (%2), so it was not deleted.</source>
        <translation>[%1 îš ûšéd (%2), šö ît wàš ñöt délétéd.]</translation>
    </message>
    <message>
        <source>Delete %1 (%2) from this draft's media folder? This cannot be undone.</source>
        <translation>[Délété %1 (%2) fŕöm thîš dŕàft'š médîà földéŕ? Thîš çàññöt bé ûñdöñé.]</translation>
    </message>
    <message>
        <source>Delete Picture</source>
        <translation>[Délété Pîçtûŕé]</translation>
    </message>
    <message>
        <source>Delete 1 unused file (%1) from this draft's media folder? This cannot be undone.</source>
        <translation>[Délété 1 ûñûšéd fîlé (%1) fŕöm thîš dŕàft'š médîà földéŕ? Thîš çàññöt bé ûñdöñé.]</translation>
    </message>
    <message>
        <source>Delete %2 unused files (%1) from this draft's media folder? This cannot be undone.</source>
        <translation>[Délété %2 ûñûšéd fîléš (%1) fŕöm thîš dŕàft'š médîà földéŕ? Thîš çàññöt bé ûñdöñé.]</translation>
    </message>
    <message>
        <source>Remove Unused</source>
        <translation>[Ŕémövé Ûñûšéd]</translation>
    </message>
    <message>
        <source>Deleted 1 file</source>
        <translation>[Délétéd 1 fîlé]</translation>
    </message>
    <message>
        <source>Deleted %2 files</source>
        <translation>[Délétéd %2 fîléš]</translation>
    </message>
    <message>
        <source>%1 freed.</source>
        <translation>[%1 fŕééd.]</translation>
    </message>
    <message>
        <source>&amp;Media</source>
        <translation>[&amp;Médîà]</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>[&amp;Fîlé]</translation>
    </message>
    <message>
        <source>&amp;New Draft</source>
        <translation>[&amp;Ñéw Dŕàft]</translation>
    </message>
    <message>
        <source>Save &amp;Revision</source>
        <translation>[Šàvé &amp;Ŕévîšîöñ]</translation>
    </message>
    <message>
        <source>Revision &amp;History…</source>
        <translation>[Ŕévîšîöñ &amp;Hîštöŕý…]</translation>
    </message>
    <message>
        <source>&amp;Import Markdown…</source>
        <translation>[&amp;Împöŕt Màŕkdöwñ…]</translation>
    </message>
    <message>
        <source>&amp;Export Markdown…</source>
        <translation>[&amp;Éxpöŕt Màŕkdöwñ…]</translation>
    </message>
    <message>
        <source>&amp;Delete Draft</source>
        <translation>[&amp;Délété Dŕàft]</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>[&amp;Qûît]</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>[&amp;Édît]</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>[&amp;Ûñdö]</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>[&amp;Ŕédö]</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>[Çû&amp;t]</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>[&amp;Çöpý]</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>[&amp;Pàšté]</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>[Šéléçt &amp;Àll]</translation>
    </message>
    <message>
        <source>Insert &amp;Picture…</source>
        <translation>[Îñšéŕt &amp;Pîçtûŕé…]</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>[&amp;Vîéw]</translation>
    </message>
    <message>
        <source>&amp;Sidebar</source>
        <translation>[&amp;Šîdébàŕ]</translation>
    </message>
    <message>
        <source>Post &amp;Fields</source>
        <translation>[Pöšt &amp;Fîéldš]</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>[&amp;Pŕévîéw]</translation>
    </message>
    <message>
        <source>&amp;Blog</source>
        <translation>[&amp;Blöĝ]</translation>
    </message>
    <message>
        <source>&amp;Publish…</source>
        <translation>[&amp;Pûblîšh…]</translation>
    </message>
    <message>
        <source>Move to the Blog's &amp;Trash</source>
        <translation>[Mövé tö thé Blöĝ'š &amp;Tŕàšh]</translation>
    </message>
    <message>
        <source>&amp;Blogs…</source>
        <translation>[&amp;Blöĝš…]</translation>
    </message>
    <message>
        <source>&amp;Outbox</source>
        <translation>[&amp;Öûtböx]</translation>
    </message>
    <message>
        <source>Comment &amp;Inbox</source>
        <translation>[Çömméñt &amp;Îñböx]</translation>
    </message>
    <message>
        <source>&amp;Fetch New Comments</source>
        <translation>[&amp;Fétçh Ñéw Çömméñtš]</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>[&amp;Hélp]</translation>
    </message>
</context>
<context>
    <name>OpenFromBlogDialog</name>
    <message>
        <source>Open from Blog</source>
        <translation>[Öpéñ fŕöm Blöĝ]</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>[Àñý štàtûš]</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>[Pûblîšhéd]</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>[Šçhédûléd]</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>[Dŕàft]</translation>
    </message>
    <message>
        <source>Pending review</source>
        <translation>[Péñdîñĝ ŕévîéw]</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>[Pŕîvàté]</translation>
    </message>
    <message>
        <source>Blog</source>
        <translation>[Blöĝ]</translation>
    </message>
    <message>
        <source>Posts or pages</source>
        <translation>[Pöštš öŕ pàĝéš]</translation>
    </message>
    <message>
        <source>Search titles and text</source>
        <translation>[Šéàŕçh tîtléš àñd téxt]</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>[Šéàŕçh]</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>[Štàtûš]</translation>
    </message>
    <message>
        <source>Posts on the blog</source>
        <translation>[Pöštš öñ thé blöĝ]</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>[Tîtlé]</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>[Dàté]</translation>
    </message>
    <message>
        <source>&amp;Previous</source>
        <translation>[&amp;Pŕévîöûš]</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>[Pŕévîöûš pàĝé]</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>[&amp;Ñéxt]</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>[Ñéxt pàĝé]</translation>
    </message>
    <message>
        <source>Open as a draft</source>
        <translation>[Öpéñ àš à dŕàft]</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>[Çàñçél]</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>[Pöštš]</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>[Pàĝéš]</translation>
    </message>
    <message>
        <source>None of your blogs can list its posts here; add a WordPress blog (Blog ▸ Blogs…).</source>
        <translation>[Ñöñé öf ýöûŕ blöĝš çàñ lîšt îtš pöštš héŕé; àdd à WöŕdPŕéšš blöĝ (Blöĝ ▸ Blöĝš…).]</translation>
    </message>
    <message>
        <source>Asking {blog}…</source>
        <translation>[Àškîñĝ {blog}…]</translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation>[(ñö tîtlé)]</translation>
    </message>
    <message>
        <source>{first}–{last} of {total}</source>
        <translation>[{first}–{last} öf {total}]</translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>[Ñöthîñĝ föûñd.]</translation>
    </message>
    <message>
        <source>Opening “{title}”…</source>
        <translation>[Öpéñîñĝ “{title}”…]</translation>
    </message>
</context>
<context>
    <name>OutboxPanel</name>
    <message>
        <source>Outbox</source>
        <translation>[Öûtböx]</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>[Dŕàft]</translation>
    </message>
    <message>
        <source>Blog</source>
        <translation>[Blöĝ]</translation>
    </message>
    <message>
        <source>State</source>
        <translation>[Štàté]</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>[Àttémptš]</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>[Méššàĝé]</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>[Ñéxt àttémpt]</translation>
    </message>
    <message>
        <source>Outbox jobs</source>
        <translation>[Öûtböx jöbš]</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>[Ŕétŕý]</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>[Ŕéšölvé…]</translation>
    </message>
    <message>
        <source>(deleted draft)</source>
        <translation>[(délétéd dŕàft)]</translation>
    </message>
</context>
<context>
    <name>PictureInserter</name>
    <message>
        <source>Insert Picture</source>
        <translation>[Îñšéŕt Pîçtûŕé]</translation>
    </message>
    <message>
        <source>Could not copy the picture into the draft's folder: %1.</source>
        <translation>[Çöûld ñöt çöpý thé pîçtûŕé îñtö thé dŕàft'š földéŕ: %1.]</translation>
    </message>
</context>
<context>
    <name>PostFieldsPanel</name>
    <message>
        <source>Title</source>
        <translation>[Tîtlé]</translation>
    </message>
    <message>
        <source>tags, separated, by commas</source>
        <translation>[tàĝš, šépàŕàtéd, bý çömmàš]</translation>
    </message>
    <message>
        <source>categories, separated, by commas</source>
        <translation>[çàtéĝöŕîéš, šépàŕàtéd, bý çömmàš]</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>[Pöšt]</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>[Pàĝé]</translation>
    </message>
    <message>
        <source>Post or page</source>
        <translation>[Pöšt öŕ pàĝé]</translation>
    </message>
    <message>
        <source>When a scheduled post goes live (your local time)</source>
        <translation>[Whéñ à šçhédûléd pöšt ĝöéš lîvé (ýöûŕ löçàl tîmé)]</translation>
    </message>
    <message>
        <source>Publication date</source>
        <translation>[Pûblîçàtîöñ dàté]</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>[Týpé]</translation>
    </message>
    <message>
        <source>Slug</source>
        <translation>[Šlûĝ]</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>[Štàtûš]</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>[Tàĝš]</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>[Çàtéĝöŕîéš]</translation>
    </message>
    <message>
        <source>Excerpt</source>
        <translation>[Éxçéŕpt]</translation>
    </message>
    <message>
        <source>It is on its blog as a post or a page already, and stays one.</source>
        <translation>[Ît îš öñ îtš blöĝ àš à pöšt öŕ à pàĝé àlŕéàdý, àñd štàýš öñé.]</translation>
    </message>
    <message>
        <source>This blog has no pages, only posts.</source>
        <translation>[Thîš blöĝ hàš ñö pàĝéš, öñlý pöštš.]</translation>
    </message>
    <message>
        <source>A post is dated and listed on the blog; a page stands on its own.</source>
        <translation>[À pöšt îš dàtéd àñd lîštéd öñ thé blöĝ; à pàĝé štàñdš öñ îtš öwñ.]</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <source>Publish now</source>
        <translation>[Pûblîšh ñöw]</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>[Šçhédûlé]</translation>
    </message>
    <message>
        <source>Save on the blog as a draft</source>
        <translation>[Šàvé öñ thé blöĝ àš à dŕàft]</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>[Šûbmît föŕ ŕévîéw]</translation>
    </message>
    <message>
        <source>Publish privately</source>
        <translation>[Pûblîšh pŕîvàtélý]</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>[Pûblîšh]</translation>
    </message>
    <message>
        <source>Blog</source>
        <translation>[Blöĝ]</translation>
    </message>
    <message>
        <source>How</source>
        <translation>[Höw]</translation>
    </message>
    <message>
        <source>This draft is a page, and this blog has no pages: make it a post in the post fields, or choose a blog that has pages.</source>
        <translation>[Thîš dŕàft îš à pàĝé, àñd thîš blöĝ hàš ñö pàĝéš: màké ît à pöšt îñ thé pöšt fîéldš, öŕ çhööšé à blöĝ thàt hàš pàĝéš.]</translation>
    </message>
    <message>
        <source>Goes live on {when} (the time in the post fields).</source>
        <translation>[Ĝöéš lîvé öñ {when} (thé tîmé îñ thé pöšt fîéldš).]</translation>
    </message>
</context>
<context>
    <name>PublishStatus</name>
    <message>
        <source>On the blog — {address}</source>
        <translation>[Öñ thé blöĝ — {address}]</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>[Ŕéšölvé…]</translation>
    </message>
</context>
<context>
    <name>ReplyBox</name>
    <message>
        <source>Reply</source>
        <translation>[Ŕéplý]</translation>
    </message>
    <message>
        <source>Reply text (Markdown)</source>
        <translation>[Ŕéplý téxt (Màŕkdöwñ)]</translation>
    </message>
    <message>
        <source>Write a reply in Markdown — Ctrl+Enter sends</source>
        <translation>[Wŕîté à ŕéplý îñ Màŕkdöwñ — Çtŕl+Éñtéŕ šéñdš]</translation>
    </message>
    <message>
        <source>How the reply will look</source>
        <translation>[Höw thé ŕéplý wîll löök]</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>[Šéñd]</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>[Kéýböàŕd Šhöŕtçûtš]</translation>
    </message>
    <message>
        <source>Search shortcuts</source>
        <translation>[Šéàŕçh šhöŕtçûtš]</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>[Šhöŕtçûtš]</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>[Àçtîöñ]</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>[Šhöŕtçût]</translation>
    </message>
</context>
<context>
    <name>Spelling</name>
    <message>
        <source>&amp;Spelling</source>
        <translation>[&amp;Špéllîñĝ]</translation>
    </message>
    <message>
        <source>Spelling</source>
        <translation>[Špéllîñĝ]</translation>
    </message>
    <message>
        <source>&amp;Check Spelling</source>
        <translation>[&amp;Çhéçk Špéllîñĝ]</translation>
    </message>
    <message>
        <source>Text actions</source>
        <translation>[Téxt àçtîöñš]</translation>
    </message>
    <message>
        <source>No Suggestions</source>
        <translation>[Ñö Šûĝĝéštîöñš]</translation>
    </message>
    <message>
        <source>&amp;Add to Dictionary</source>
        <translation>[&amp;Àdd tö Dîçtîöñàŕý]</translation>
    </message>
    <message>
        <source>&amp;Ignore</source>
        <translation>[&amp;Îĝñöŕé]</translation>
    </message>
    <message>
        <source>Default Language (%1)</source>
        <translation>[Défàûlt Ĺàñĝûàĝé (%1)]</translation>
    </message>
    <message>
        <source>%1 (not installed)</source>
        <translation>[%1 (ñöt îñštàlléd)]</translation>
    </message>
    <message>
        <source>No dictionaries are installed</source>
        <translation>[Ñö dîçtîöñàŕîéš àŕé îñštàlléd]</translation>
    </message>
</context>
<context>
    <name>ThemeToggle</name>
    <message>
        <source>Blog &amp;Theme</source>
        <translation>[Blöĝ &amp;Thémé]</translation>
    </message>
    <message>
        <source>Show the draft in its blog's own theme (fetched once, then offline)</source>
        <translation>[Šhöw thé dŕàft îñ îtš blöĝ'š öwñ thémé (fétçhéd öñçé, théñ öfflîñé)]</translation>
    </message>
    <message>
        <source>Fetching the blog's theme…</source>
        <translation>[Fétçhîñĝ thé blöĝ'š thémé…]</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>Undo</source>
        <translation>[Ûñdö]</translation>
    </message>
</context>
<context>
    <name>WebPreview</name>
    <message>
        <source>Preview</source>
        <translation>[Pŕévîéw]</translation>
    </message>
</context>
</TS>

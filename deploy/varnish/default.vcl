vcl 4.1;

# Newsroom's HTTP cache: Varnish 7 between nginx (TLS, gzip, /static/, /media/) and two or
# more gunicorn instances. Readers' pages are stored by address alone and dropped the moment
# the application says their content changed (surrogate keys, vmod xkey from Debian's
# varnish-modules). docs/deployment.md ("Varnish in front") explains the topology.
#
# Install as /etc/varnish/default.vcl next to backends.vcl (the application servers), and
# check both with `varnishd -C -f /etc/varnish/default.vcl` before reloading.

import directors;
import std;
import xkey;

# ---------------------------------------------------------------------------------------
# Settings: everything a deployment is expected to change lives here or in backends.vcl.
# ---------------------------------------------------------------------------------------

# Stale-if-error: how long after its expiry a page may still stand in for the application,
# while no instance is healthy or the application answers with an error. Readers then get
# the last good copy instead of an error page. Raise it to ride out longer outages.
sub edge_set_grace {
    set beresp.grace = 6h;
}

# Stale-while-revalidate: while the application is healthy, a page that expired less than
# this long ago is served at once while one background request fetches a fresh copy. Later
# than this, the reader waits for the fresh copy (and still gets the stale one on error).
sub edge_set_revalidate_window {
    set req.grace = 10s;
}

# Pages tagged with surrogate keys (an `xkey` header) are dropped by a purge as soon as
# their content changes, so they may be kept far longer than the 60 s browsers are told.
sub edge_set_tagged_ttl {
    set beresp.ttl = 1d;
}

# Who may send PURGE: this machine and the application servers that send purges when
# content changes. Add each application server (or its network) here.
acl purgers {
    "127.0.0.1";
    "::1";
    # "10.0.0.0"/24;
}

# ---------------------------------------------------------------------------------------
# Application servers.
# ---------------------------------------------------------------------------------------

# /livez answers 200 while the process runs and never touches the database, so a database
# outage (pages answer 503) never takes instances out of rotation: they keep answering,
# and a dead process is noticed within about two seconds.
probe livez {
    .url = "/livez";
    .expected_response = 200;
    .interval = 1s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    # Start as healthy, so a freshly loaded VCL serves at once.
    .initial = 2;
}

# The round-robin director the instances in backends.vcl join (`app.add_backend(...)`).
sub vcl_init {
    new app = directors.round_robin();
}

# The instances themselves: deployment-specific, and written by tests with ports the system
# hands out. "./" finds the file next to this one, whatever vcl_path says.
include "./backends.vcl";

# ---------------------------------------------------------------------------------------
# Client side.
# ---------------------------------------------------------------------------------------

sub vcl_recv {
    if (req.restarts == 0) {
        # Internal flags travel on the request; nobody outside may set them.
        unset req.http.X-Edge-Narrowed;
        unset req.http.X-Edge-Stale-If-Error;
        unset req.http.X-Edge-Purged;
    }
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        call edge_purge;
    }

    # One spelling per page: an absolute request target and an upper-case host name would
    # otherwise store the same page twice, or dodge the path rules below.
    if (req.url ~ "^(?i)https?://") {
        set req.http.host = regsub(req.url, "^(?i)https?://([^/?]+).*$", "\1");
        set req.url = regsub(req.url, "^(?i)https?://[^/?]+", "");
        if (req.url !~ "^/") {
            set req.url = "/" + req.url;
        }
    }
    if (req.http.host) {
        set req.http.host = std.tolower(req.http.host);
    }
    # Links shared on social media and in newsletters carry campaign parameters the site never
    # reads: without them, each share would be a page of its own, fetched from the application
    # and never stood in for by a stored copy while it fails.
    if (req.url ~ "[?&](utm_[a-z_]+|fbclid|gclid|msclkid|mc_cid|mc_eid)=") {
        set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z_]+|fbclid|gclid|msclkid|mc_cid|mc_eid)=[^&]*(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }

    # Staff pages, sign-in, previews and health checks: never stored, and their cookies
    # (session, CSRF) go to the application untouched. So do the cookie settings page,
    # which shows the reader's current choice, and uploads nginx does not serve from disk
    # (originals, pictures of unpublished stories), which only staff may see.
    # The cookie pages exist under each language's prefix too (/ps/consent/).
    if (req.url ~ "^/(desk|desk-preview|preview|accounts|admin|media)(/|\?|$)" ||
        req.url ~ "^/([a-z]{2,3}(-[a-z]{2,4})?/)?consent(/|\?|$)" ||
        req.url ~ "^/(healthz|livez)(\?|$)") {
        return (pass);
    }
    # Forms and anything else that changes state always reach the application.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }

    # A readers' page looks the same to everyone, so cookies (consent, a stale session, a
    # malformed csrftoken) must neither split the cache nor reach the application, which
    # could otherwise answer with something personal.
    unset req.http.Cookie;

    # Grace. While the application is healthy, only a page that expired moments ago is
    # served stale (edge_set_revalidate_window), and the flag lets vcl_synth look again
    # with each page's full grace if the fetch fails. While no instance is healthy, the
    # full grace applies at once.
    if (req.http.X-Edge-Stale-If-Error) {
        # That second look. A restart keeps req.grace, which VCL cannot unset: lift it far
        # above any page's own grace, so that edge_set_grace decides again.
        set req.grace = 520w;
    } else if (std.healthy(req.backend_hint)) {
        set req.http.X-Edge-Narrowed = "1";
        call edge_set_revalidate_window;
    }
    return (hash);
}

# PURGE / with `xkey-purge: key1 key2 ...` drops every page tagged with any of the keys.
sub edge_purge {
    # Through nginx, X-Forwarded-For names the reader and then nginx; Varnish adds the
    # connecting address itself. More than one address means the request came through a
    # proxy, so a local proxy cannot lend readers the right to purge.
    if (client.ip !~ purgers || req.http.X-Forwarded-For ~ ",") {
        return (synth(403, "Forbidden"));
    }
    if (!req.http.xkey-purge) {
        return (synth(400, "Send the keys to purge in an xkey-purge header"));
    }
    # A hard purge: the pages are gone, and the next reader waits for a fresh copy. A soft
    # purge would let readers see the old story for up to the grace period.
    set req.http.X-Edge-Purged = xkey.purge(req.http.xkey-purge);
    return (synth(200, "Purged"));
}

sub vcl_hash {
    # The address alone: host, path and query string. Never cookies.
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    return (lookup);
}

sub vcl_miss {
    # Second look after a failed fetch (vcl_synth) found no stale copy either: ask the
    # application once more without storing anything, so its own error page (status, body,
    # Retry-After) reaches the reader instead of ours.
    if (req.http.X-Edge-Stale-If-Error) {
        return (pass);
    }
    return (fetch);
}

sub vcl_deliver {
    # Surrogate keys are for caches; readers need not see how pages are tagged.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Surrogate-Control;
    # Cache-Control, ETag and Age stay as they are: browsers keep the page for the app's
    # max-age minus the time it already spent here.
    # HIT: a stored copy; STALE: a stored copy past its lifetime, served within grace while
    # the application is refreshed or cannot answer; MISS: fetched for this request.
    if (obj.hits > 0 && obj.ttl <= 0s) {
        set resp.http.X-Cache = "STALE";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    return (deliver);
}

sub vcl_synth {
    # A readers' page whose fetch failed while grace was narrowed: look again, this time
    # accepting any stale copy within the full grace (stale-if-error).
    if (resp.status == 503 && req.restarts == 0 && req.http.X-Edge-Narrowed) {
        set req.http.X-Edge-Stale-If-Error = "1";
        return (restart);
    }
    set resp.http.Cache-Control = "no-store";
    if (resp.status == 503) {
        # No instance could be reached and nothing usable was stored: a short page of our
        # own, never Varnish's "Guru Meditation".
        set resp.reason = "Service Unavailable";
        set resp.http.Retry-After = "30";
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.body = {"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Briefly unavailable</title></head>
<body>
<h1>The site is briefly unavailable</h1>
<p>Please try again in a minute.</p>
</body>
</html>
"};
        return (deliver);
    }
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    if (req.http.X-Edge-Purged) {
        # How many stored pages the purge dropped, for the application's logs.
        set resp.http.X-Purged = req.http.X-Edge-Purged;
        set resp.body = "Purged " + req.http.X-Edge-Purged + " objects" + {"
"};
        return (deliver);
    }
    set resp.body = resp.reason + {"
"};
    return (deliver);
}

# ---------------------------------------------------------------------------------------
# Backend side.
# ---------------------------------------------------------------------------------------

sub vcl_backend_fetch {
    unset bereq.http.X-Edge-Narrowed;
    unset bereq.http.X-Edge-Stale-If-Error;
    unset bereq.http.X-Edge-Purged;
    if (bereq.method == "GET") {
        unset bereq.body;
    }
    return (fetch);
}

sub vcl_backend_response {
    if (beresp.status >= 500) {
        # Staff pages, forms, and second looks (vcl_miss): the application's answer, as is.
        if (bereq.uncacheable) {
            return (deliver);
        }
        # A background refresh that failed changes nothing: readers keep the stale copy.
        # A reader's own fetch is abandoned too: storing the error, even as uncacheable,
        # would evict the stale copy vcl_synth is about to look for.
        return (abandon);
    }
    if (bereq.uncacheable) {
        return (deliver);
    }

    # A page the application rendered while a change it shows was committing: the purge of
    # that change may have come before it, so it is kept one second only, with no grace, and
    # then fetched again. Kept at all, so that the readers waiting for it are all served by
    # this one fetch (an object kept no time makes them fetch one after the other); not
    # hit-for-miss, which would leave a publication's busiest pages uncached for a minute.
    if (beresp.http.Surrogate-Control ~ "(?i)no-store") {
        set beresp.ttl = 1s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }

    # Never store what is personal or told not to be stored. Hit-for-miss: the next
    # readers go straight to the application for a minute, and a later cacheable answer
    # is stored as usual.
    # An answer the application gave no lifetime (a 404 for a story not published yet) is
    # not kept either: Varnish's default of two minutes would hide the story once it is.
    if (beresp.ttl <= 0s ||
        (!beresp.http.Cache-Control && !beresp.http.xkey) ||
        beresp.http.Set-Cookie ||
        beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)" ||
        beresp.http.Vary == "*") {
        set beresp.ttl = 60s;
        set beresp.uncacheable = true;
        return (deliver);
    }

    # Tagged pages are purged exactly when they change, so they are kept long. Untagged
    # ones keep the lifetime the application gave them (s-maxage, else max-age).
    if (beresp.http.xkey) {
        call edge_set_tagged_ttl;
    }
    call edge_set_grace;
    return (deliver);
}

sub vcl_backend_error {
    # An instance that cannot be reached (it died before the probe noticed): try the next
    # one once, for requests that are safe to repeat.
    if (bereq.retries < 1 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
    # Otherwise the reader side decides: a stale copy (vcl_synth restarts) or our own 503.
    return (abandon);
}

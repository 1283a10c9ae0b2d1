# The gunicorn instances Varnish spreads readers over, included by default.vcl. One backend
# block per instance, each joined to the round-robin director in vcl_init below; replace the
# addresses with your servers'. The health probe `livez` is defined in default.vcl.

backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .probe = livez;
    # A server on the same network accepts at once; not answering within a second means
    # it is gone, and the next instance is tried (vcl_backend_error).
    .connect_timeout = 1s;
    # gunicorn ends a request after 30 s (GUNICORN_TIMEOUT); wait slightly longer.
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 10s;
}

backend app2 {
    .host = "127.0.0.1";
    .port = "8001";
    .probe = livez;
    .connect_timeout = 1s;
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 10s;
}

sub vcl_init {
    app.add_backend(app1);
    app.add_backend(app2);
}

package pusher

// Version is this library's version, sent in the User-Agent header.
const Version = "0.1.0"

// userAgent identifies the library to the server.
const userAgent = "go-pusher-channels/" + Version

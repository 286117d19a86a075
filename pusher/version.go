package pusher

// Version is this library's version, sent in the User-Agent and
// X-Pusher-Library headers.
const Version = "0.1.0"

// userAgent identifies the library to the server.
const userAgent = "go-pusher-channels/" + Version

// libraryName is the X-Pusher-Library header the official libraries send
// too: the library's name and version.
const libraryName = "go-pusher/channels " + Version

package conformance

import "testing"

// Run runs the whole suite against a.
func Run(t *testing.T, a Adapter) {
	t.Run("channel authorizer", func(t *testing.T) { RunChannelAuthorizer(t, a) })
	t.Run("user authenticator", func(t *testing.T) { RunUserAuthenticator(t, a) })
	t.Run("webhook receiver", func(t *testing.T) { RunWebhookReceiver(t, a) })
}

package pusher

import (
	"slices"
	"strconv"
)

// endpoint is where requests go, part by part, as the settings gave it.
//
// The rule: each part (scheme, host, base path) is given by at most one
// setting, or by several that agree. FromURL gives all three; WithTLS the
// scheme; WithHost and WithCluster the host (WithCluster("eu") names
// api-eu.pusher.com); WithBasePath the base path. Two settings that give
// one part different values make New fail with a *ConfigError naming both,
// whatever their order: nothing silently overrides anything. The same
// option given again replaces its own earlier value, as every option does.
type endpoint struct {
	scheme   endpointPart // "https" or "http"; unset means https
	host     endpointPart // host[:port]; unset means the DefaultCluster's host
	basePath endpointPart // "" or "/seg[/seg…]"; unset means ""
}

// endpointPart is the value of one part of the endpoint and the settings
// that gave it (none while it is unset).
type endpointPart struct {
	value string
	by    []string
}

// set records that the setting by gives the part named field the value v.
// It is a *ConfigError if another setting gave it a different value. The
// setting that gave it before may change it: the same option given again
// replaces its own earlier value.
func (p *endpointPart) set(field, v, by string) error {
	if v == p.value && len(p.by) > 0 {
		if !slices.Contains(p.by, by) {
			p.by = append(p.by, by)
		}
		return nil
	}
	for _, other := range p.by {
		if other != by {
			return &ConfigError{Field: field, Reason: other + " gives " + strconv.Quote(p.value) +
				" but " + by + " gives " + strconv.Quote(v) + ": give one, or settings that agree"}
		}
	}
	p.value, p.by = v, []string{by}
	return nil
}

// valueOr returns the part's value, or def if no setting gave it.
func (p *endpointPart) valueOr(def string) string {
	if len(p.by) == 0 {
		return def
	}
	return p.value
}

// clusterHost is the API host of a cluster.
func clusterHost(cluster string) string { return "api-" + cluster + ".pusher.com" }

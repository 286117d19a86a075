package pusher

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/signing"
	"github.com/go-pusher/channels/transport"
)

// Get sends a signed GET to path below the app (e.g. "/channels" for
// /apps/{id}/channels) with query and returns the answer's body. It is for
// endpoints the client does not wrap; errors are as for every other call.
func (c *Client) Get(ctx context.Context, path string, query url.Values) ([]byte, error) {
	if err := c.open(); err != nil {
		return nil, err
	}
	if err := checkSubPath(path); err != nil {
		return nil, err
	}
	if err := checkQuery(query); err != nil {
		return nil, err
	}
	s := c.getScratch()
	defer c.putScratch(s)
	resp, err := c.send(ctx, call{method: http.MethodGet, path: c.appPath + path, params: paramsOf(query)}, s)
	return c.takeBody(resp, err)
}

// Post sends a signed POST of body (JSON) to path below the app and returns
// the answer's body.
func (c *Client) Post(ctx context.Context, path string, body []byte) ([]byte, error) {
	if err := c.open(); err != nil {
		return nil, err
	}
	if err := checkSubPath(path); err != nil {
		return nil, err
	}
	s := c.getScratch()
	defer c.putScratch(s)
	resp, err := c.send(ctx, call{method: http.MethodPost, path: c.appPath + path, body: body}, s)
	return c.takeBody(resp, err)
}

// takeBody returns the body of what send returned, as the caller's own
// even when the Response is a pooled callScratch's.
func (c *Client) takeBody(resp *transport.Response, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	body := resp.Body
	if c.reuser != nil {
		body = bytes.Clone(body)
	}
	return body, nil
}

// SignedQuery returns the signed query string (without '?') for a request
// of method to path below the app, with query and body, at the client's
// current time: for callers that send the request themselves, to
// [base path]/apps/{id} followed by path (with any space, '%' or non-ASCII
// byte percent-encoded, as the signature covers the path as sent). Treat it as
// a credential: anyone holding it can replay the request for a while.
func (c *Client) SignedQuery(method, path string, query url.Values, body []byte) (string, error) {
	if err := c.usable(); err != nil {
		return "", err
	}
	if err := checkSubPath(path); err != nil {
		return "", err
	}
	if err := checkQuery(query); err != nil {
		return "", err
	}
	method = strings.ToUpper(method)
	wirePath := string(appendEscapedPath(nil, c.appPath+path))
	q := c.signer.AppendQuery(nil, method, wirePath, paramsOf(query), body, c.now().Unix())
	return string(q), nil
}

// checkSubPath accepts "" or a path starting with "/" and holding no query,
// fragment, dot segment ("." or ".." between slashes) or empty segment
// ("//", or a trailing "/"): a normalising proxy resolves the first to
// another endpoint and collapses the second, and no endpoint of the API
// ends in "/".
func checkSubPath(path string) error {
	if path == "" {
		return nil
	}
	if path[0] != '/' || strings.ContainsAny(path, "?#") {
		return &ValidationError{Field: "path", Value: path, Reason: domain.ErrBadFormat, Detail: `want "/..." below the app, no query`}
	}
	for segment := range strings.SplitSeq(path[1:], "/") {
		switch segment {
		case ".", "..":
			return &ValidationError{Field: "path", Value: path, Reason: domain.ErrBadFormat, Detail: "a dot segment"}
		case "":
			return &ValidationError{Field: "path", Value: path, Reason: domain.ErrBadFormat, Detail: `an empty segment ("//" or a trailing "/")`}
		}
	}
	return nil
}

// checkQuery refuses the parameters the signature adds itself: a query
// repeating them would be signed twice and rejected by the service.
func checkQuery(query url.Values) error {
	for k := range query {
		switch strings.ToLower(k) {
		case "auth_key", "auth_timestamp", "auth_version", "auth_signature", "body_md5":
			return &ValidationError{Field: "query", Value: k, Reason: domain.ErrNotAllowed, Detail: "the client adds the auth parameters itself"}
		}
	}
	return nil
}

// paramsOf flattens query into signing parameters, in key order; a key with
// several values keeps the first (the API takes one value per key).
func paramsOf(query url.Values) []signing.Param {
	if len(query) == 0 {
		return nil
	}
	keys := make([]string, 0, len(query))
	for k := range query {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	params := make([]signing.Param, 0, len(keys))
	for _, k := range keys {
		if v := query[k]; len(v) > 0 {
			params = append(params, signing.Param{Key: k, Value: v[0]})
		}
	}
	return params
}

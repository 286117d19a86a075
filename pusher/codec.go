package pusher

import "encoding/json"

// JSONCodec encodes event data that is neither a string, []byte nor
// json.RawMessage, and decodes the service's answers. encoding/json is the
// default; any faster drop-in works.
type JSONCodec interface {
	Marshal(v any) ([]byte, error)
	Unmarshal(data []byte, v any) error
}

// stdJSON is the encoding/json codec.
type stdJSON struct{}

func (stdJSON) Marshal(v any) ([]byte, error)      { return json.Marshal(v) }
func (stdJSON) Unmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }

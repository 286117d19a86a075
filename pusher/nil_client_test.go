package pusher_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"testing"

	"github.com/go-pusher/channels/pusher"
)

// describers are the methods that return no error: they must not panic on
// a nil or zero Client and describe it as such.
var describers = map[string]bool{"String": true, "GoString": true, "LogValue": true, "AppID": true, "Key": true}

// TestNilAndZeroClients calls every exported method of *Client, found by
// reflection so that a new one cannot be missed, on a nil and on a zero
// Client: none panics, every one returning an error returns one matching
// ErrNilClient.
func TestNilAndZeroClients(t *testing.T) {
	typ := reflect.TypeFor[*pusher.Client]()
	for name, c := range map[string]*pusher.Client{"nil": nil, "zero": {}} {
		for i := range typ.NumMethod() {
			m := typ.Method(i)
			t.Run(name+"/"+m.Name, func(t *testing.T) {
				out := callWithZeroArgs(t, reflect.ValueOf(c).Method(i))
				ft := m.Func.Type()
				if ft.NumOut() == 0 || ft.Out(ft.NumOut()-1) != reflect.TypeFor[error]() {
					if !describers[m.Name] {
						t.Fatalf("%s returns no error: add it to describers only if it cannot fail", m.Name)
					}
					return
				}
				err, _ := out[len(out)-1].Interface().(error)
				if !errors.Is(err, pusher.ErrNilClient) {
					t.Errorf("%s on a %s Client: err = %v, want ErrNilClient", m.Name, name, err)
				}
			})
		}
	}
}

// callWithZeroArgs calls fn with context.Background() for a context and
// zero values for everything else, failing the test on a panic.
func callWithZeroArgs(t *testing.T, fn reflect.Value) (out []reflect.Value) {
	t.Helper()
	ft := fn.Type()
	args := make([]reflect.Value, ft.NumIn())
	for i := range args {
		if ft.In(i) == reflect.TypeFor[context.Context]() {
			args[i] = reflect.ValueOf(context.Background())
		} else {
			args[i] = reflect.Zero(ft.In(i))
		}
	}
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("panic: %v", r)
		}
	}()
	if ft.IsVariadic() {
		return fn.CallSlice(args)
	}
	return fn.Call(args)
}

// TestNilAndZeroClientsPrint: fmt and slog render nil and zero clients.
func TestNilAndZeroClientsPrint(t *testing.T) {
	for _, c := range []*pusher.Client{nil, {}} {
		for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), c.LogValue().String()} {
			if s == "" {
				t.Errorf("empty rendering of %#v", c)
			}
		}
		slog.New(slog.DiscardHandler).Info("client", "c", c)
	}
}

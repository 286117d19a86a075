package domain_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/go-pusher/channels/domain"
)

func TestMemberMarshalJSON(t *testing.T) {
	type info struct {
		Name string `json:"name"`
		Age  int    `json:"age,omitempty"`
	}
	tests := []struct {
		name   string
		member domain.Member
		want   string
	}{
		{"id only", domain.Member{UserID: "10"}, `{"user_id":"10"}`},
		{"nil info omitted", domain.Member{UserID: "10", UserInfo: nil}, `{"user_id":"10"}`},
		{"map info", domain.Member{UserID: "10", UserInfo: map[string]any{"name": "Ann", "twitter": "@ann"}},
			`{"user_id":"10","user_info":{"name":"Ann","twitter":"@ann"}}`},
		{"struct info", domain.Member{UserID: "10", UserInfo: info{Name: "Ann", Age: 30}},
			`{"user_id":"10","user_info":{"name":"Ann","age":30}}`},
		{"raw info", domain.Member{UserID: "10", UserInfo: json.RawMessage(`{"name":"Ann"}`)},
			`{"user_id":"10","user_info":{"name":"Ann"}}`},
		{"string info", domain.Member{UserID: "10", UserInfo: "Ann"}, `{"user_id":"10","user_info":"Ann"}`},
		{"empty id kept", domain.Member{}, `{"user_id":""}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.member)
			if err != nil {
				t.Fatalf("json.Marshal: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("json.Marshal = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestUserMarshalJSON(t *testing.T) {
	tests := []struct {
		name string
		user domain.User
		want string
	}{
		{"id only", domain.User{ID: "10"}, `{"id":"10"}`},
		{"nil watchlist omitted", domain.User{ID: "10", Watchlist: nil}, `{"id":"10"}`},
		{"empty watchlist omitted", domain.User{ID: "10", Watchlist: []string{}}, `{"id":"10"}`},
		{"info", domain.User{ID: "10", UserInfo: map[string]string{"name": "Ann"}},
			`{"id":"10","user_info":{"name":"Ann"}}`},
		{"watchlist", domain.User{ID: "10", Watchlist: []string{"2", "3"}},
			`{"id":"10","watchlist":["2","3"]}`},
		{"info and watchlist", domain.User{ID: "10", UserInfo: map[string]string{"name": "Ann"}, Watchlist: []string{"2", "3"}},
			`{"id":"10","user_info":{"name":"Ann"},"watchlist":["2","3"]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.user)
			if err != nil {
				t.Fatalf("json.Marshal: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("json.Marshal = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestMemberUserRoundTrip(t *testing.T) {
	var m domain.Member
	if err := json.Unmarshal([]byte(`{"user_id":"10","user_info":{"name":"Ann"}}`), &m); err != nil {
		t.Fatalf("json.Unmarshal member: %v", err)
	}
	if m.UserID != "10" {
		t.Errorf("UserID = %q, want %q", m.UserID, "10")
	}
	if info, ok := m.UserInfo.(map[string]any); !ok || info["name"] != "Ann" {
		t.Errorf("UserInfo = %#v, want map with name Ann", m.UserInfo)
	}

	var u domain.User
	if err := json.Unmarshal([]byte(`{"id":"10","watchlist":["2","3"]}`), &u); err != nil {
		t.Fatalf("json.Unmarshal user: %v", err)
	}
	if u.ID != "10" || len(u.Watchlist) != 2 || u.Watchlist[0] != "2" || u.Watchlist[1] != "3" {
		t.Errorf("User = %+v, want id 10 watching 2 and 3", u)
	}

	var p []domain.PresenceUser
	if err := json.Unmarshal([]byte(`[{"id":"1"},{"id":"2"}]`), &p); err != nil {
		t.Fatalf("json.Unmarshal presence users: %v", err)
	}
	if len(p) != 2 || p[0].ID != "1" || p[1].ID != "2" {
		t.Errorf("PresenceUsers = %+v, want ids 1 and 2", p)
	}
}

func TestMemberValidate(t *testing.T) {
	if err := (domain.Member{UserID: "10", UserInfo: map[string]any{"x": 1}}).Validate(); err != nil {
		t.Fatalf("Validate() = %v, want nil", err)
	}
	requireValidationError(t, domain.Member{}.Validate(), "user_id", domain.ErrEmpty)
	requireValidationError(t, domain.Member{UserID: "a b"}.Validate(), "user_id", domain.ErrBadCharacter)
	requireValidationError(t, domain.Member{UserID: strings.Repeat("1", 201)}.Validate(), "user_id", domain.ErrTooLong)
}

func TestUserValidate(t *testing.T) {
	tests := []struct {
		name   string
		user   domain.User
		field  string
		reason error
	}{
		{"valid", domain.User{ID: "10", Watchlist: []string{"2", "3"}}, "", nil},
		{"valid without watchlist", domain.User{ID: "10"}, "", nil},
		{"empty id", domain.User{}, "user_id", domain.ErrEmpty},
		{"bad id", domain.User{ID: "1:2"}, "user_id", domain.ErrBadCharacter},
		{"bad id wins over bad watchlist", domain.User{ID: "", Watchlist: []string{"a b"}}, "user_id", domain.ErrEmpty},
		{"empty watchlist entry", domain.User{ID: "10", Watchlist: []string{"2", ""}}, "watchlist", domain.ErrEmpty},
		{"bad watchlist entry", domain.User{ID: "10", Watchlist: []string{"a b"}}, "watchlist", domain.ErrBadCharacter},
		{"long watchlist entry", domain.User{ID: "10", Watchlist: []string{strings.Repeat("w", 201)}}, "watchlist", domain.ErrTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.user.Validate()
			if tt.reason == nil {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			requireValidationError(t, err, tt.field, tt.reason)
		})
	}
}

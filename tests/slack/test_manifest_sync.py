"""`credbot slack manifest` kept in step with the code: every Web API method the adapter calls and
every event it listens to is covered by the manifest, and the manifest asks for nothing that the
OAuth install flow does not ask for too.

The Web API calls and event listeners are read from the adapter's source, so a new
`client.some_method(...)` or `app.event(...)` fails here until the manifest (and this table of
the scope each one needs) says so.
"""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

import adapters.slack as slack_adapter
from adapters.slack import MANIFEST
from adapters.slack.app import SHORTCUT_CALLBACK
from adapters.slack.installations import BOT_SCOPES

SOURCE = Path(slack_adapter.__file__).parent

# the bot scope each Web API method needs (None: the method needs no scope)
METHOD_SCOPES = {
    "chat_postMessage": "chat:write",
    "chat_postEphemeral": "chat:write",
    "users_info": "users:read",
    "files_info": "files:read",
    "views_publish": None,
    "auth_test": None,
    # the Socket Mode client's apps.connections.open, made with the app-level token and its
    # connections:write, which is no bot scope
    "issue_new_wss_url": None,
}
# the manifest event each listener needs, and that event's scope
EVENTS = {"app_mention": ("app_mention", "app_mentions:read"),
          "message": ("message.im", "im:history"),  # only direct messages are answered
          "app_home_opened": ("app_home_opened", None)}
# what the code does without a Web API method: a slash command, reading the e-mail users.info
# returns, downloading shared files from url_private_download
FEATURE_SCOPES = {"commands", "users:read.email", "files:read"}


def _calls() -> tuple[set[str], set[str]]:
    """The `client.<method>(...)` calls and the `app.event("...")` registrations in the adapter."""
    methods: set[str] = set()
    events: set[str] = set()
    for path in SOURCE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            owner = node.func.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
            if name == "client":
                methods.add(node.func.attr)
            if name == "app" and node.func.attr == "event" and node.args and isinstance(node.args[0], ast.Constant):
                events.add(node.args[0].value)
    return methods, events


def _manifest() -> dict:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def test_every_web_api_call_is_covered_by_a_scope_in_the_manifest():
    methods, _ = _calls()
    assert {"chat_postMessage", "users_info", "files_info"} <= methods  # the reading works
    unknown = methods - METHOD_SCOPES.keys()
    assert not unknown, f"add the scope these Web API methods need to METHOD_SCOPES and the manifest: {unknown}"
    scopes = set(_manifest()["oauth_config"]["scopes"]["bot"])
    needed = {METHOD_SCOPES[m] for m in methods} - {None}
    assert needed <= scopes, f"missing from the manifest: {needed - scopes}"
    assert FEATURE_SCOPES <= scopes


def test_every_listener_has_its_event_and_scope_and_no_event_is_left_unheard():
    _, listened = _calls()
    manifest = _manifest()
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == {EVENTS[e][0] for e in listened}
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {EVENTS[e][1] for e in listened} - {None} <= scopes


def test_the_install_flow_asks_for_the_manifests_scopes():
    assert sorted(_manifest()["oauth_config"]["scopes"]["bot"]) == sorted(BOT_SCOPES)
    assert "user" not in _manifest()["oauth_config"]["scopes"]  # credbot needs no user token


def test_command_shortcut_and_urls_match_what_is_served():
    manifest = _manifest()
    features, settings = manifest["features"], manifest["settings"]
    assert [c["command"] for c in features["slash_commands"]] == ["/credbot"]
    assert [s["callback_id"] for s in features["shortcuts"]] == [SHORTCUT_CALLBACK]
    urls = {features["slash_commands"][0]["url"], settings["event_subscriptions"]["request_url"],
            settings["interactivity"]["request_url"]}
    assert len(urls) == 1 and urls.pop().endswith("/slack/events")
    assert manifest["oauth_config"]["redirect_urls"][0].endswith("/slack/oauth_redirect")
    assert features["app_home"]["home_tab_enabled"] and features["app_home"]["messages_tab_enabled"]

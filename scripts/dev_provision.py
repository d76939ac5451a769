"""Finish onboarding of the development Home Assistant and add the simulated coach.

With RVC_DEV_CAPTURE set (scripts/develop --capture), a capture played in a
loop is added instead: its path inside the configuration folder.

Run by scripts/develop once Home Assistant answers. It uses Home Assistant's
own onboarding and config-flow APIs on localhost, so it keeps working across
versions, and it does nothing that is already done.
"""

from __future__ import annotations

from http import HTTPStatus
import json
import os
import sys
import time
from typing import Any
import urllib.error
import urllib.parse
import urllib.request

PORT = int(os.environ.get("RVC_DEV_PORT", "8123"))
BASE = f"http://127.0.0.1:{PORT}"
CLIENT_ID = f"{BASE}/"
CAPTURE_AVAILABILITY_TIMEOUT = 120
USER = {"name": "Developer", "username": "dev", "password": "dev", "language": "en"}


def request(
    method: str, path: str, body: dict[str, Any] | None = None, token: str | None = None
) -> Any:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        f"{BASE}{path}", data=data, headers=headers, method=method
    )
    with urllib.request.urlopen(req, timeout=30) as response:
        return json.loads(response.read() or b"null")


def wait_for_home_assistant(seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            request("GET", "/auth/providers")
        except urllib.error.HTTPError:
            return  # any answer means it is up (400 until onboarding is done)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(1)
        else:
            return
    raise SystemExit("dev_provision: Home Assistant did not start")


def token_from_code(code: str) -> str:
    form = urllib.parse.urlencode(
        {"grant_type": "authorization_code", "code": code, "client_id": CLIENT_ID}
    ).encode()
    req = urllib.request.Request(f"{BASE}/auth/token", data=form, method="POST")
    with urllib.request.urlopen(req, timeout=30) as response:
        return str(json.loads(response.read())["access_token"])


def token_by_login() -> str:
    flow = request(
        "POST",
        "/auth/login_flow",
        {
            "client_id": CLIENT_ID,
            "handler": ["homeassistant", None],
            "redirect_uri": CLIENT_ID,
        },
    )
    result = request(
        "POST",
        f"/auth/login_flow/{flow['flow_id']}",
        {
            "client_id": CLIENT_ID,
            "username": USER["username"],
            "password": USER["password"],
        },
    )
    return token_from_code(result["result"])


def onboarding_done() -> set[str]:
    try:
        steps = request("GET", "/api/onboarding")
    except urllib.error.HTTPError as err:
        if err.code == HTTPStatus.NOT_FOUND:  # onboarding finished: its API is gone
            return {"user", "core_config", "analytics", "integration"}
        raise
    return {step["step"] for step in steps if step["done"]}


def onboard() -> str:
    done = onboarding_done()
    if "user" in done:
        token = token_by_login()
    else:
        code = request(
            "POST", "/api/onboarding/users", {**USER, "client_id": CLIENT_ID}
        )
        token = token_from_code(code["auth_code"])
    for step, body in (
        ("core_config", {}),
        ("analytics", {}),
        ("integration", {"client_id": CLIENT_ID, "redirect_uri": CLIENT_ID}),
    ):
        if step not in done:
            request("POST", f"/api/onboarding/{step}", body, token)
    if "core_config" not in done:
        remove_onboarding_extras(token)
    return token


def remove_onboarding_extras(token: str) -> None:
    """Onboarding adds integrations (radio, weather, TTS) that want the internet."""
    time.sleep(2)  # they are added in the background
    for entry in request("GET", "/api/config/config_entries/entry", token=token):
        if entry["domain"] in {
            "radio_browser",
            "met",
            "google_translate",
            "shopping_list",
        }:
            request(
                "DELETE",
                f"/api/config/config_entries/entry/{entry['entry_id']}",
                token=token,
            )


def add_simulated_coach(token: str) -> None:
    entries = request("GET", "/api/config/config_entries/entry?domain=rvc", token=token)
    if entries:
        return
    result = start_rvc_flow(token, "simulated")
    if result.get("type") == "form":
        # Which simulated coach: the typical one unless RVC_DEV_COACH says.
        coach = os.environ.get("RVC_DEV_COACH", "typical")
        result = request(
            "POST",
            f"/api/config/config_entries/flow/{result['flow_id']}",
            {"coach": coach, "read_only": False},
            token,
        )
    if result.get("type") != "create_entry":
        raise SystemExit(f"dev_provision: adding the simulated coach failed: {result}")


def add_capture(token: str, capture: str) -> None:
    """Play the capture as the bus; a capture already added is left as it is."""
    result = start_rvc_flow(token, "replay")
    if result.get("type") == "form":
        result = request(
            "POST",
            f"/api/config/config_entries/flow/{result['flow_id']}",
            {"capture": capture, "mode": "loop"},
            token,
        )
    if result.get("type") == "abort" and result.get("reason") == "already_configured":
        return
    if result.get("type") != "create_entry":
        raise SystemExit(f"dev_provision: adding the capture failed: {result}")
    # Captures stitched from log lines repeat an instance only every half
    # minute or so: keep entities available between its reports.
    flow = request(
        "POST",
        "/api/config/config_entries/options/flow",
        {"handler": result["result"]["entry_id"]},
        token,
    )
    request(
        "POST",
        f"/api/config/config_entries/options/flow/{flow['flow_id']}",
        {
            "allow_motion_control": False,
            "allow_generator_control": False,
            "availability_timeout": CAPTURE_AVAILABILITY_TIMEOUT,
        },
        token,
    )


def start_rvc_flow(token: str, step: str) -> Any:
    """Start the integration's config flow and pick a connection type."""
    flow = request("POST", "/api/config/config_entries/flow", {"handler": "rvc"}, token)
    return request(
        "POST",
        f"/api/config/config_entries/flow/{flow['flow_id']}",
        {"next_step_id": step},
        token,
    )


def main() -> int:
    wait_for_home_assistant()
    token = onboard()
    if capture := os.environ.get("RVC_DEV_CAPTURE"):
        add_capture(token, capture)
        bus = f"the capture {capture}"
    else:
        add_simulated_coach(token)
        bus = "the simulated coach"
    print(
        f"dev_provision: ready on http://localhost:{PORT} with {bus}"
        " (from this machine no login is needed; elsewhere: dev / dev)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

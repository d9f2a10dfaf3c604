"""The resource routers, included into the app by create_app()."""

from __future__ import annotations

from fastapi import FastAPI

from appliance.api import (
    routes_access,
    routes_admin,
    routes_analysis,
    routes_bizcards,
    routes_box,
    routes_calls,
    routes_changes,
    routes_contacts,
    routes_customers,
    routes_directory,
    routes_fields,
    routes_menu,
    routes_notes,
    routes_orders,
    routes_printing,
    routes_recordings,
    routes_segments,
    routes_session,
    routes_tasks,
    routes_transfer,
    routes_trash,
    routes_zones,
)
from appliance.api.state import ApiState

MODULES = (
    routes_box,
    routes_calls,
    routes_customers,
    routes_contacts,
    routes_trash,
    routes_notes,
    routes_orders,
    routes_menu,
    routes_zones,
    routes_printing,
    routes_tasks,
    routes_segments,
    routes_directory,
    routes_admin,
    routes_access,
    routes_fields,
    routes_session,
    routes_recordings,
    routes_changes,
    routes_bizcards,
    routes_analysis,
    routes_transfer,
)


def include(app: FastAPI, state: ApiState) -> None:
    """Add every resource router to app."""
    for module in MODULES:
        app.include_router(module.router(state))

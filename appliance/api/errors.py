"""Every error answer is a Problem (or StaleOut): core errors mapped, the unexpected logged."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse

from appliance.contract import Problem, StaleOut
from appliance.core.access.sessions import LoginRefusedError
from appliance.core.disk_full import is_disk_full
from appliance.core.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    RowConflict,
    StaleEdit,
)

log = logging.getLogger(__name__)
DISK_FULL = (
    "箱のディスクがいっぱいで保存できませんでした。管理者に連絡してください / "
    "the box's disk is full: nothing was saved; tell the administrator"
)
INTERNAL = "内部エラーです (記録しました) / internal error (it has been logged)"
CONFLICTING = "保存済みの内容と矛盾します / the change conflicts with what is stored"
UNSTORABLE = "保存できない文字が含まれています / the text holds characters that cannot be stored"
STATUS: dict[type[Exception], int] = {
    NotFound: 404,
    InvalidInput: 422,
    Conflict: 409,
    LoginRefusedError: 401,
    Forbidden: 403,
}
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem},
    403: {"model": Problem},
    404: {"model": Problem},
    409: {"model": Problem},
    503: {"model": Problem},
    507: {"model": Problem},
}
# 409 on an edit: a stale version (with the row as it is now), or a move the row's state refuses
STALE: dict[int | str, dict[str, Any]] = {**ERRORS, 409: {"model": StaleOut | Problem}}


def _problem(status: int, detail: str) -> JSONResponse:
    return JSONResponse({"detail": detail}, status)


def _validation_text(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        parts.append(f"{where}: {err.get('msg', '')}" if where else str(err.get("msg", "")))
    return "入力が不正です / invalid input: " + "; ".join(parts)


def install(app: FastAPI) -> None:
    """Register the handlers and make the OpenAPI say 422 answers are Problems."""

    async def ringdesk_error(_request: Request, exc: Exception) -> JSONResponse:
        if isinstance(exc, StaleEdit):
            return JSONResponse({"detail": str(exc), "current": exc.current}, 409)
        status = next(s for t, s in STATUS.items() if isinstance(exc, t))
        return _problem(status, str(exc))

    async def invalid(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return _problem(422, _validation_text(exc))

    async def integrity(request: Request, exc: Exception) -> JSONResponse:
        log.warning("integrity error on %s %s: %s", request.method, request.url.path, exc)
        return _problem(409, CONFLICTING)

    async def unstorable(_request: Request, _exc: Exception) -> JSONResponse:
        return _problem(422, UNSTORABLE)  # e.g. a lone surrogate (\ud800) sent as JSON text

    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        if is_disk_full(exc):  # not a bug: nothing was written, the desk can try again later
            log.error("disk full on %s %s", request.method, request.url.path)
            return _problem(507, DISK_FULL)
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _problem(500, INTERNAL)

    for kind in STATUS:
        app.add_exception_handler(kind, ringdesk_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(RowConflict, integrity)
    app.add_exception_handler(UnicodeEncodeError, unstorable)
    app.add_exception_handler(Exception, unexpected)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema is None:
        spec = get_openapi(title=app.title, version=app.version, routes=app.routes)
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        schemas.setdefault("Problem", Problem.model_json_schema())
        for op in (o for item in spec.get("paths", {}).values() for o in item.values()):
            answer = op.get("responses", {}).get("422")
            if answer is not None:
                answer["content"] = {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}
                }
                answer["description"] = "入力が不正です / invalid input"
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        app.openapi_schema = spec
    return app.openapi_schema

"""Accounts of a workspace: who may log in, with which role. Only an admin changes them;
every change is logged by the workspace."""

from __future__ import annotations

from storage import Workspace
from storage import users as user_store
from storage.model import Account, Role


def list_users(ws: Workspace) -> list[Account]:
    return user_store.list_users(ws)


def add_user(ws: Workspace, name: str, role: Role, password: str) -> Account:
    return user_store.add_user(ws, name, role, password)


def disable_user(ws: Workspace, name: str) -> None:
    user_store.disable_user(ws, name)


def change_password(ws: Workspace, name: str, password: str) -> None:
    user_store.change_password(ws, name, password)


def reset_user(ws: Workspace, name: str, password: str) -> None:
    """A new password (with the recovery key or as admin); unlocks and re-enables the account."""
    user_store.reset_user(ws, name, password)

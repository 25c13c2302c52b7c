"""Sign in (name, password, optional one-time code), sign out, and second-factor setup."""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from tallybook.core import totp

from .services import SignInRefused, sign_in, totp_begin, totp_disable, totp_enable

_PENDING_KEY = "tallybook_totp_pending"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else "/"


@sensitive_post_parameters("password", "code")
@csrf_protect
@never_cache
def sign_in_view(request: HttpRequest) -> HttpResponse:
    error, status = "", 200
    username = ""
    if request.method == "POST":
        username = request.POST.get("username", "")[:150]
        try:
            user = sign_in(
                request,
                username=username,
                password=request.POST.get("password", ""),
                code=request.POST.get("code", ""),
            )
        except SignInRefused as refused:
            error, status = str(refused), 403
        else:
            login(request, user)
            return redirect(_next_url(request))
    context = {"error": error, "username": username, "next": _next_url(request)}
    return render(request, "accounts/sign_in.html", context, status=status)


@require_POST
def sign_out_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("/")


@sensitive_post_parameters("code")
@login_required
@never_cache
def second_factor_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    error, done = "", ""
    if request.method == "POST" and request.POST.get("action") == "disable":
        totp_disable(user=user, by=user)
        done = "The second factor is off."
    elif request.method == "POST":
        secret = request.session.get(_PENDING_KEY, "")
        try:
            totp_enable(user=user, secret=secret, code=request.POST.get("code", ""), by=user)
        except ValueError as bad:
            error = str(bad)
        else:
            request.session.pop(_PENDING_KEY, None)
            done = "The second factor is on: sign-in now asks for a code."
    secret = ""
    if not user.totp_secret:
        secret = request.session.get(_PENDING_KEY) or totp_begin(user=user)
        request.session[_PENDING_KEY] = secret
    context = {
        "enabled": bool(user.totp_secret),
        "secret": secret,
        "uri": totp.provisioning_uri(secret, account=user.get_username()) if secret else "",
        "error": error,
        "done": done,
    }
    return render(request, "accounts/second_factor.html", context)

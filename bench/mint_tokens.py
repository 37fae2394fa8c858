#!/usr/bin/env python3
"""Mints N distinct, valid gateway access tokens (HS256, the gateway's claims) for bench/run's many-token phase.

usage: mint_tokens.py SECRET APP_ID COUNT OUT_FILE
Each token belongs to its own user id, so the gateway sees COUNT different callers; none needs to exist in the
store, since the proxied path never reads it.
"""
import base64, hashlib, hmac, json, os, sys, time


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def main() -> None:
    secret, app_id, count, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    now = int(time.time())
    key = secret.encode()
    with open(out, "w") as tokens:
        for i in range(count):
            payload = {
                "iss": "trachea", "aud": app_id, "sub": f"{i:024x}", "app_id": app_id, "role": "member", "plan": "free",
                "provider": "username", "jti": os.urandom(16).hex(), "ver": 0, "sid": os.urandom(16).hex(),
                "username": f"bench-{i}", "iat": now, "exp": now + 86400,
            }
            signing_input = f"{header}.{b64(json.dumps(payload, separators=(',', ':')).encode())}"
            signature = b64(hmac.new(key, signing_input.encode(), hashlib.sha256).digest())
            tokens.write(f"{signing_input}.{signature}\n")


if __name__ == "__main__":
    main()

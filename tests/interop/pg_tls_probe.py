#!/usr/bin/python3
"""TLS to a PostgreSQL server the way a Python 3.13 client would verify it.

Sends the PostgreSQL SSLRequest on a raw socket, then does the TLS handshake
with ssl.create_default_context(cafile=CA) plus the flags Python 3.13 adds by
default (VERIFY_X509_PARTIAL_CHAIN | VERIFY_X509_STRICT), so that Debian 12's
Python 3.11 behaves like 3.13. hostname_checks_common_name keeps its default.
Hostname flags keep Python's default (X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS).

  verify-ca    check_hostname = False (chain only)
  verify-full  check_hostname = True, server_hostname = NAME

After the handshake it sends a StartupMessage over TLS and waits for
ReadyForQuery, so "accept" means a working encrypted session.

Prints one line: accept|reject|error <TAB> reason. Exit 0 for accept/reject,
2 for error.
"""

import argparse
import ipaddress
import socket
import ssl
import struct
import sys

SSL_REQUEST = struct.pack("!ii", 8, 80877103)


def out(verdict, reason):
    reason = " ".join(str(reason).split())
    print(f"{verdict}\t{reason}")
    sys.exit(0 if verdict in ("accept", "reject") else 2)


def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("server closed the connection")
        buf += chunk
    return buf


def is_ip(name):
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--addr", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--name", required=True)
    ap.add_argument("--ca", required=True)
    ap.add_argument("--mode", choices=("verify-ca", "verify-full"), required=True)
    ap.add_argument("--user", default="probe")
    ap.add_argument("--timeout", type=float, default=10.0)
    a = ap.parse_args()

    try:
        ctx = ssl.create_default_context(cafile=a.ca)
    except (ssl.SSLError, OSError) as e:
        # The CA file itself is unusable: the client cannot even be configured.
        out("reject", f"cannot load CA file: {e}")
    ctx.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN | ssl.VERIFY_X509_STRICT
    if a.mode == "verify-ca":
        ctx.check_hostname = False
        server_hostname = None if is_ip(a.name) else a.name  # SNI only
    else:
        ctx.check_hostname = True
        server_hostname = a.name

    try:
        raw = socket.create_connection((a.addr, a.port), timeout=a.timeout)
    except OSError as e:
        out("error", f"harness: cannot connect to {a.addr}:{a.port}: {e}")
    try:
        raw.sendall(SSL_REQUEST)
        answer = recv_exact(raw, 1)
    except OSError as e:
        out("error", f"harness: SSLRequest failed: {e}")
    if answer != b"S":
        out("reject", f"server refused SSLRequest (answered {answer!r})")

    try:
        tls = ctx.wrap_socket(raw, server_hostname=server_hostname)
    except ssl.SSLCertVerificationError as e:
        out("reject", f"certificate verify failed: {e.verify_message} (verify code {e.verify_code})")
    except ssl.SSLError as e:
        out("reject", f"TLS handshake failed: {e}")
    except OSError as e:
        out("reject", f"TLS handshake failed: {e}")

    version, cipher = tls.version(), tls.cipher()[0]
    # StartupMessage over TLS; trust auth answers AuthenticationOk .. ReadyForQuery.
    params = b"user\0" + a.user.encode() + b"\0database\0postgres\0\0"
    try:
        tls.sendall(struct.pack("!ii", 8 + len(params), 196608) + params)
        while True:
            kind = recv_exact(tls, 1)
            (length,) = struct.unpack("!i", recv_exact(tls, 4))
            body = recv_exact(tls, length - 4)
            if kind == b"Z":
                break
            if kind == b"E":
                fields = dict((f[:1], f[1:]) for f in body.split(b"\0") if f)
                msg = fields.get(b"M", body).decode(errors="replace")
                out("error", f"harness: TLS up ({version}) but startup failed: {msg}")
        tls.sendall(b"X\0\0\0\4")
    except (OSError, ssl.SSLError) as e:
        out("reject", f"TLS session failed after handshake: {e}")
    finally:
        tls.close()
    out("accept", f"ssl {version} {cipher}")


if __name__ == "__main__":
    main()

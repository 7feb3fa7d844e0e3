#!/usr/bin/env python3
"""The customers' side of the messages, on loopback, for test-messages.

An SMTP server (aiosmtpd) that keeps every message it receives and writes
what a reader sees of it (decoded subject, names, Message-ID, attachments
saved beside) as OUT/mail-N.json; with --tls CERT KEY it offers STARTTLS
and refuses mail before it.

An HTTP server that takes Alibaba Cloud SMS SendSms requests, checks them
as the provider documents them (RPC signature version 1.0: parameters
sorted and percent-encoded per RFC 3986, StringToSign "POST&%2F&" +
encode(query), HMAC-SHA1 under SECRET + "&", base64), recomputed here from
that description and not from the project's code, and writes each request
as OUT/sms-N.json. It answers {"Code": "OK", "BizId": …}; a number
13900000000 gets the provider's isv.MOBILE_NUMBER_ILLEGAL.

The same HTTP server takes Tencent Cloud SMS SendSms requests (API
2021-01-11; a request with an X-TC-Action header) and checks their
TC3-HMAC-SHA256 signature as Tencent documents it ("签名方法 v3": the
canonical request of method, URI "/", empty query, the headers
content-type, host and x-tc-action lower-cased, the signed headers and the
SHA-256 of the payload; StringToSign "TC3-HMAC-SHA256\nTIMESTAMP\nDATE/sms/
tc3_request\nSHA256(canonical)"; the key derived by HMAC-SHA256 from "TC3" +
SECRET over the date, "sms" and "tc3_request"), with the same secret. It
answers a SendStatusSet of Code "Ok" and a SerialNo; +8613900000000 gets
InvalidParameterValue.IncorrectPhoneNumber; a bad signature the Error
AuthFailure.SignatureFailure.

A POST to /webhook is the generic JSON gateway (provider "webhook"): it
checks the Content-Type, the bearer token (the same secret) and that
phone, text, sign, template_code, params (an object) and
idempotency_key are there with their types; 13900000000 gets HTTP 400
{"message": "号码不是手机号"}, a bad token HTTP 401, anything else 200
{"id": "wh-KEY"}.

Prints "smtp PORT" and "http PORT" on one line each, then serves until
its standard input closes (the test program ended, even by a crash).
"""
import base64
import datetime
import email
import email.policy
import hashlib
import hmac
import http.server
import json
import os
import socket
import sys
import threading
import urllib.parse

from aiosmtpd.controller import Controller

out = sys.argv[1]
secret = sys.argv[2]
tls = sys.argv[3:5] if len(sys.argv) >= 5 and sys.argv[3] else None
lock = threading.Lock()
counter = {"mail": 0, "sms": 0}


def next_name(kind):
    with lock:
        counter[kind] += 1
        return os.path.join(out, "%s-%d" % (kind, counter[kind]))


def raw_header(raw, name):
    """The header as it travelled (folded lines joined), to see its encoding."""
    head = raw.split(b"\r\n\r\n", 1)[0].replace(b"\r\n ", b" ")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(name.lower() + b": "):
            return line.split(b": ", 1)[1].decode("ascii")
    return ""


class Keep:
    async def handle_DATA(self, server, session, envelope):
        name = next_name("mail")
        raw = envelope.original_content or envelope.content
        with open(name + ".eml", "wb") as f:
            f.write(raw)
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        attachments = []
        for i, part in enumerate(msg.iter_attachments()):
            path = "%s-att%d" % (name, i)
            with open(path, "wb") as f:
                f.write(part.get_content())
            attachments.append({"filename": part.get_filename(), "type": part.get_content_type(), "path": path})
        body = msg.get_body(("plain",))
        summary = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "subject": str(msg["subject"]),
            "subject_raw": raw_header(raw, b"Subject"),
            "from": str(msg["from"]),
            "to": str(msg["to"]),
            "message_id": str(msg["message-id"]),
            "date": str(msg["date"]),
            "body": body.get_content() if body is not None else "",
            "attachments": attachments,
            "tls": bool(session.ssl),
        }
        with open(name + ".json", "w") as f:
            json.dump(summary, f, ensure_ascii=False)
        return "250 OK"


def percent(s):
    return urllib.parse.quote(s, safe="-_.~")


def tc3_expected(headers, payload):
    """The Authorization a TC3-HMAC-SHA256 request must carry, per Tencent's documentation."""
    timestamp = int(headers.get("X-TC-Timestamp", "0"))
    date = datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc).strftime("%Y-%m-%d")
    canonical_headers = "content-type:%s\nhost:%s\nx-tc-action:%s\n" % (
        headers.get("Content-Type", ""), headers.get("Host", ""), headers.get("X-TC-Action", "").lower())
    signed = "content-type;host;x-tc-action"
    canonical = "\n".join(["POST", "/", "", canonical_headers, signed, hashlib.sha256(payload).hexdigest()])
    scope = "%s/sms/tc3_request" % date
    to_sign = "\n".join(["TC3-HMAC-SHA256", str(timestamp), scope,
                         hashlib.sha256(canonical.encode()).hexdigest()])

    def sign(key, msg):
        return hmac.new(key, msg.encode(), hashlib.sha256).digest()
    k = sign(sign(sign(("TC3" + secret).encode(), date), "sms"), "tc3_request")
    signature = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
    secret_id = headers.get("Authorization", "").split("Credential=", 1)[-1].split("/", 1)[0]
    return "TC3-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s" % (secret_id, scope, signed, signature)


class Sms(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, answer):
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def tencent(self, raw):
        payload = json.loads(raw.decode("utf-8"))
        given = self.headers.get("Authorization", "")
        expected = tc3_expected(self.headers, raw)
        required = ["PhoneNumberSet", "SmsSdkAppId", "SignName", "TemplateId"]
        record = {
            "provider": "tencent",
            "path": self.path,
            "headers": {k: self.headers.get(k, "") for k in ("Content-Type", "Host", "X-TC-Action", "X-TC-Version",
                                                             "X-TC-Timestamp", "X-TC-Region")},
            "payload": payload,
            "signature_ok": hmac.compare_digest(given, expected),
            "missing": [k for k in required if not payload.get(k)],
        }
        with open(next_name("sms") + ".json", "w") as f:
            json.dump(record, f, ensure_ascii=False)
        if not record["signature_ok"]:
            self.answer({"Response": {"Error": {"Code": "AuthFailure.SignatureFailure",
                                                "Message": "The provided credentials could not be validated."},
                                      "RequestId": "r"}})
            return
        phone = (payload.get("PhoneNumberSet") or [""])[0]
        if phone == "+8613900000000":
            status = {"SerialNo": "", "PhoneNumber": phone, "Fee": 0, "SessionContext": payload.get("SessionContext", ""),
                      "Code": "InvalidParameterValue.IncorrectPhoneNumber", "Message": "手机号格式错误", "IsoCode": "CN"}
        else:
            status = {"SerialNo": "serial-%s" % payload.get("SessionContext", ""), "PhoneNumber": phone, "Fee": 1,
                      "SessionContext": payload.get("SessionContext", ""), "Code": "Ok", "Message": "send success",
                      "IsoCode": "CN"}
        self.answer({"Response": {"SendStatusSet": [status], "RequestId": "r"}})

    def webhook(self, raw):
        payload = json.loads(raw.decode("utf-8"))
        types = {"phone": str, "text": str, "sign": str, "template_code": str, "params": dict,
                 "idempotency_key": str}
        record = {
            "provider": "webhook",
            "path": self.path,
            "content_type": self.headers.get("Content-Type", ""),
            "token_ok": hmac.compare_digest(self.headers.get("Authorization", ""), "Bearer " + secret),
            "payload": payload,
            "missing": [k for k, t in types.items() if not isinstance(payload.get(k), t)
                        or (t is str and k != "template_code" and not payload.get(k))],
        }
        with open(next_name("sms") + ".json", "w") as f:
            json.dump(record, f, ensure_ascii=False)
        if not record["token_ok"]:
            code, answer = 401, {"message": "bad token"}
        elif record["missing"]:
            code, answer = 422, {"message": "missing " + ", ".join(record["missing"])}
        elif payload["phone"] == "13900000000":
            code, answer = 400, {"message": "号码不是手机号"}
        else:
            code, answer = 200, {"id": "wh-" + payload["idempotency_key"]}
        data = json.dumps(answer, ensure_ascii=False).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        if self.path.startswith("/webhook"):
            self.webhook(raw)
            return
        if self.headers.get("X-TC-Action"):
            self.tencent(raw)
            return
        body = raw.decode("utf-8")
        pairs = urllib.parse.parse_qsl(body, keep_blank_values=True)
        params = dict(pairs)
        given = params.pop("Signature", "")
        query = "&".join("%s=%s" % (percent(k), percent(v)) for k, v in sorted(params.items()))
        to_sign = "POST&%2F&" + percent(query)
        expected = base64.b64encode(hmac.new((secret + "&").encode(), to_sign.encode(), hashlib.sha1).digest()).decode()
        required = ["AccessKeyId", "Action", "Format", "PhoneNumbers", "RegionId", "SignName", "SignatureMethod",
                    "SignatureNonce", "SignatureVersion", "TemplateCode", "Timestamp", "Version"]
        record = {
            "path": self.path,
            "content_type": self.headers.get("Content-Type", ""),
            "body": body,
            "params": params,
            "signature_ok": hmac.compare_digest(given, expected),
            "missing": [k for k in required if not params.get(k)],
        }
        with open(next_name("sms") + ".json", "w") as f:
            json.dump(record, f, ensure_ascii=False)
        if not record["signature_ok"]:
            answer = {"Code": "SignatureDoesNotMatch", "Message": "Specified signature is not matched with our calculation."}
        elif params.get("PhoneNumbers") == "13900000000":
            answer = {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "非法手机号", "RequestId": "r"}
        else:
            answer = {"Code": "OK", "Message": "OK", "BizId": "biz-%s" % params.get("OutId", ""), "RequestId": "r"}
        self.answer(answer)


kwargs = {}
if tls:
    import ssl
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(tls[0], tls[1])
    kwargs = {"tls_context": ctx, "require_starttls": True}
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
smtp_port = probe.getsockname()[1]
probe.close()
controller = Controller(Keep(), hostname="127.0.0.1", port=smtp_port, **kwargs)
controller.start()
httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Sms)
threading.Thread(target=httpd.serve_forever, daemon=True).start()
print("smtp %d" % smtp_port, flush=True)
print("http %d" % httpd.server_address[1], flush=True)
# Until the test program ends (its end of standard input closes).
sys.stdin.buffer.read()
os._exit(0)

"""Tests of the fake Bot API server itself (not of the bot)."""

from __future__ import annotations

import asyncio
import io
import json
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, RetryAfter

from tests.fake_telegram import FakeTelegram, HtmlParseError, parse_html, utf16_len

USER = 42


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram()
    await server.start()
    server.user(USER)
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def client(fake: FakeTelegram) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=f"{fake.root_url}/bot{fake.token}/") as http:
        yield http


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[telegram.Bot]:
    ptb = telegram.Bot(
        fake.token, base_url=f"{fake.root_url}/bot", base_file_url=f"{fake.root_url}/file/bot"
    )
    async with ptb:
        yield ptb


async def call(client: httpx.AsyncClient, method: str, **params: Any) -> tuple[int, Any]:
    response = await client.post(method, json=params)
    return response.status_code, response.json()


# --------------------------------------------------------------------------- HTML parse mode

VALID_HTML = [
    ("plain", "plain", []),
    ("<b>bold</b> <strong>s</strong>", "bold s", ["bold", "bold"]),
    (
        "<i>a</i><em>b</em><u>c</u><ins>d</ins>",
        "abcd",
        ["italic", "italic", "underline", "underline"],
    ),
    ("<s>a</s><strike>b</strike><del>c</del>", "abc", ["strikethrough"] * 3),
    ('<span class="tg-spoiler">x</span><tg-spoiler>y</tg-spoiler>', "xy", ["spoiler", "spoiler"]),
    ("<b>bold <i>both <u>all</u></i></b>", "bold both all", ["bold", "italic", "underline"]),
    ("<B>upper</B>", "upper", ["bold"]),
    ('<a href="https://1688.com/?a=1&amp;b=2">shop</a>', "shop", ["text_link"]),
    ("<a href=1688.com>bare</a>", "bare", ["text_link"]),  # an unquoted name token
    ("<code>x &lt; y</code>", "x < y", ["code"]),
    ('<pre><code class="language-python">a = 1</code></pre>', "a = 1", ["pre"]),
    ("<pre>block</pre>", "block", ["pre"]),
    ("<blockquote>q</blockquote>", "q", ["blockquote"]),
    ("<blockquote expandable>q</blockquote>", "q", ["expandable_blockquote"]),
    ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍", ["custom_emoji"]),
    ("a &lt;b&gt; &amp; &quot;c&quot;", 'a <b> & "c"', []),
    ("&#20013;&#x6587; &#128512;", "中文 😀", []),
    ("1 > 0", "1 > 0", []),  # Telegram accepts a bare '>'
    ("<b>x</>", "x", ["bold"]),  # '</>' closes the innermost tag
    ("  <b> padded </b>  ", "padded", ["bold"]),
]


@pytest.mark.parametrize(("source", "text", "types"), VALID_HTML)
def test_valid_html(source: str, text: str, types: list[str]) -> None:
    parsed = parse_html(source)
    assert parsed.text == text
    assert sorted(e["type"] for e in parsed.entities) == sorted(types)


def test_entities_carry_utf16_offsets_and_arguments() -> None:
    parsed = parse_html(
        '😀 <a href="https://a.b/?q=1&amp;r=2">l</a> <pre><code class="language-go">x</code></pre>'
    )
    link, pre = parsed.entities
    assert link == {"type": "text_link", "offset": 3, "length": 1, "url": "https://a.b/?q=1&r=2"}
    assert pre == {"type": "pre", "offset": 5, "length": 1, "language": "go"}


INVALID_HTML = [
    ("<br>", 'Unsupported start tag "br" at byte offset 0'),
    ("line<p>x</p>", 'Unsupported start tag "p" at byte offset 4'),
    ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
    ("<b><i>x</b></i>", 'expected "</i>", found "</b>"'),
    ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
    ("close</b>", "Unexpected end tag at byte offset 5"),
    ("a < b", 'Unsupported start tag "" at byte offset 2'),
    ("a<b", "Unclosed start tag at byte offset 1"),
    ("trailing <", "Unclosed start tag at byte offset 9"),
    ("AT&T", 'unescaped "&" at byte offset 2'),
    ("&nbsp;", 'unescaped "&" at byte offset 0'),
    ("&amp", 'unescaped "&"'),
    ("我<x>", 'Unsupported start tag "x" at byte offset 3'),  # offsets are UTF-8 bytes
    ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
    ('<a href="x>y</a>', "Unclosed start tag"),
    ("<a href=https://x.cn>y</a>", "Unexpected end of name token at byte offset 13"),
    ("<b x>y</b>", 'Expected equal sign in declaration of an attribute of the tag "b"'),
]


@pytest.mark.parametrize(("source", "message"), INVALID_HTML)
def test_invalid_html(source: str, message: str) -> None:
    with pytest.raises(HtmlParseError) as info:
        parse_html(source)
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("text", "units"),
    [("abc", 3), ("中文", 2), ("😀", 2), ("👍🏽", 4), ("", 0)],
)
def test_utf16_len(text: str, units: int) -> None:
    assert utf16_len(text) == units


LENGTH_CASES = [
    ("a" * 4096, None, True),
    ("a" * 4097, None, False),
    ("<b>" + "a" * 4096 + "</b>", "HTML", True),
    ("&amp;" * 4096, "HTML", True),  # 20480 characters sent, 4096 after parsing
    ("&amp;" * 4097, "HTML", False),
    ("😀" * 2048, None, True),  # 4096 UTF-16 units
    ("😀" * 2049, None, False),  # only 2049 code points, but 4098 units
    ("😀" * 2048 + "a", None, False),
    ("<b></b>", "HTML", None),
    ("   \n ", None, None),
]


@pytest.mark.parametrize(("text", "parse_mode", "accepted"), LENGTH_CASES)
async def test_send_message_length_after_parsing(
    client: httpx.AsyncClient, text: str, parse_mode: str | None, accepted: bool | None
) -> None:
    params: dict[str, Any] = {"chat_id": USER, "text": text}
    if parse_mode:
        params["parse_mode"] = parse_mode
    status, body = await call(client, "sendMessage", **params)
    if accepted:
        assert (status, body["ok"]) == (200, True)
    elif accepted is False:
        assert (status, body["description"]) == (400, "Bad Request: message is too long")
    else:
        assert (status, body["description"]) == (400, "Bad Request: message text is empty")


# --------------------------------------------------------------------------- HTTP surface


async def test_token_and_method_routing(fake: FakeTelegram) -> None:
    async with httpx.AsyncClient(base_url=fake.root_url) as http:
        wrong = await http.post("/bot999:WRONG-token/getMe")
        malformed = await http.post("/botnonsense/getMe")
        unknown = await http.post(f"/bot{fake.token}/sendTelepathy")
        lower = await http.post(f"/bot{fake.token}/getme")
    assert (wrong.status_code, wrong.json()["description"]) == (401, "Unauthorized")
    assert (malformed.status_code, malformed.json()["description"]) == (404, "Not Found")
    assert (unknown.status_code, unknown.json()) == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found"},
    )
    assert lower.json()["result"]["username"] == "pifa_test_bot"
    assert [c.method for c in fake.calls] == ["getMe"]


async def test_form_body_with_json_encoded_markup(
    fake: FakeTelegram, client: httpx.AsyncClient
) -> None:
    markup = {"inline_keyboard": [[{"text": "Yes", "callback_data": "y"}]]}
    response = await client.post(
        "sendMessage",
        data={"chat_id": str(USER), "text": "123", "reply_markup": json.dumps(markup)},
    )
    result = response.json()["result"]
    assert result["text"] == "123"  # a numeric-looking text stays a string
    assert result["reply_markup"] == markup
    assert fake.calls[-1].params["chat_id"] == USER
    [sent] = fake.sent_messages(USER)
    assert sent.button_data("Yes") == "y"


@pytest.mark.parametrize(
    ("data", "ok"),
    [("x" * 64, True), ("x" * 65, False), ("中" * 21, True), ("中" * 22, False), ("", False)],
)
async def test_callback_data_limit_in_bytes(client: httpx.AsyncClient, data: str, ok: bool) -> None:
    markup = {"inline_keyboard": [[{"text": "b", "callback_data": data}]]}
    status, body = await call(client, "sendMessage", chat_id=USER, text="t", reply_markup=markup)
    if ok:
        assert status == 200
    else:
        assert (status, body["description"]) == (400, "Bad Request: BUTTON_DATA_INVALID")


async def test_parse_error_wording(client: httpx.AsyncClient) -> None:
    status, body = await call(client, "sendMessage", chat_id=USER, text="<br>", parse_mode="HTML")
    assert status == 400
    assert body["description"].startswith("Bad Request: can't parse entities: Unsupported")


async def test_malformed_parameter_is_a_bad_request(client: httpx.AsyncClient) -> None:
    status, body = await call(client, "getUpdates", limit="many")
    assert status == 400 and body["description"].startswith("Bad Request: invalid parameters")


async def test_unknown_chat_is_refused(client: httpx.AsyncClient) -> None:
    status, body = await call(client, "sendMessage", chat_id=777, text="hi")
    assert (status, body["description"]) == (400, "Bad Request: chat not found")


async def test_edit_semantics(fake: FakeTelegram, client: httpx.AsyncClient) -> None:
    markup = {"inline_keyboard": [[{"text": "b", "callback_data": "d"}]]}
    html: dict[str, Any] = {"parse_mode": "HTML", "reply_markup": markup}
    _, sent = await call(client, "sendMessage", chat_id=USER, text="<b>v1</b>", **html)
    message_id = sent["result"]["message_id"]
    edit = {"chat_id": USER, "message_id": message_id}
    same = await call(client, "editMessageText", **edit, text="<b>v1</b> ", **html)
    assert same[0] == 400 and "message is not modified" in same[1]["description"]
    restyled = await call(client, "editMessageText", **edit, text="<i>v1</i>", **html)
    assert restyled[0] == 200
    dropped = await call(client, "editMessageText", **edit, text="v2")
    assert dropped[0] == 200 and "reply_markup" not in dropped[1]["result"]
    missing = await call(client, "editMessageText", chat_id=USER, message_id=999, text="x")
    assert missing[1]["description"] == "Bad Request: message to edit not found"
    [state] = fake.sent_messages(USER)
    assert (state.text, state.edited, state.reply_markup) == ("v2", 2, None)
    assert state.history == ["v1", "v1"]

    keyboard = await call(client, "editMessageReplyMarkup", **edit, reply_markup=markup)
    again = await call(client, "editMessageReplyMarkup", **edit, reply_markup=markup)
    assert keyboard[0] == 200 and again[0] == 400
    assert (await call(client, "deleteMessage", **edit))[0] == 200
    gone = await call(client, "deleteMessage", **edit)
    assert gone[1]["description"] == "Bad Request: message to delete not found"
    assert fake.sent_messages(USER)[0].deleted


async def test_message_ids_are_per_chat_and_shared_with_incoming(
    fake: FakeTelegram, client: httpx.AsyncClient
) -> None:
    fake.user(7)
    fake.send_text(USER, "hello")  # takes message id 1 in chat USER
    first = (await call(client, "sendMessage", chat_id=USER, text="a"))[1]["result"]
    other = (await call(client, "sendMessage", chat_id=7, text="b"))[1]["result"]
    assert (first["message_id"], other["message_id"]) == (2, 1)
    reply = await call(client, "sendMessage", chat_id=USER, text="r", reply_to_message_id=1)
    assert reply[1]["result"]["reply_to_message"]["text"] == "hello"
    bad_reply = await call(client, "sendMessage", chat_id=USER, text="r", reply_to_message_id=99)
    assert bad_reply[1]["description"] == "Bad Request: message to be replied not found"


async def test_injected_failures_and_delay(fake: FakeTelegram, client: httpx.AsyncClient) -> None:
    fake.fail_next("sendMessage", retry_after=3)
    fake.fail_next("sendmessage", status=502, count=2)
    statuses = [await call(client, "sendMessage", chat_id=USER, text="x") for _ in range(4)]
    assert statuses[0] == (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        },
    )
    assert [s for s, _ in statuses] == [429, 502, 502, 200]
    assert len(fake.sent_messages(USER)) == 1  # failed calls have no effect
    assert [c.status for c in fake.calls_to("sendMessage")] == [429, 502, 502, 200]

    fake.set_delay("getMe", 0.3)
    started = time.monotonic()
    await call(client, "getMe")
    assert time.monotonic() - started >= 0.3


# --------------------------------------------------------------------------- getUpdates


async def test_offset_confirms_and_limit(fake: FakeTelegram, client: httpx.AsyncClient) -> None:
    ids = [fake.send_text(USER, f"m{i}") for i in range(5)]
    first = (await call(client, "getUpdates", limit=2))[1]["result"]
    assert [u["update_id"] for u in first] == ids[:2]
    assert fake.pending_updates == 5  # delivered is not confirmed
    rest = (await call(client, "getUpdates", offset=ids[2]))[1]["result"]
    assert [u["message"]["text"] for u in rest] == ["m2", "m3", "m4"]
    assert fake.pending_updates == 3
    last = (await call(client, "getUpdates", offset=-1))[1]["result"]
    assert [u["update_id"] for u in last] == ids[-1:]
    assert fake.pending_updates == 1


async def test_long_poll_wakes_on_injection(fake: FakeTelegram, client: httpx.AsyncClient) -> None:
    async def inject() -> None:
        await asyncio.sleep(0.2)
        fake.send_text(USER, "/start go")

    started = time.monotonic()
    injector = asyncio.create_task(inject())
    status, body = await call(client, "getUpdates", timeout=5)
    await injector
    assert status == 200 and 0.2 <= time.monotonic() - started < 1.5
    [update] = body["result"]
    assert update["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]


async def test_long_poll_times_out_empty(client: httpx.AsyncClient) -> None:
    started = time.monotonic()
    status, body = await call(client, "getUpdates", timeout=1)
    assert (status, body["result"]) == (200, [])
    assert time.monotonic() - started >= 0.9


async def test_second_poller_terminates_first(client: httpx.AsyncClient) -> None:
    first = asyncio.create_task(call(client, "getUpdates", timeout=5))
    await asyncio.sleep(0.1)
    await call(client, "getUpdates", timeout=0)
    status, body = await asyncio.wait_for(first, 2)
    assert status == 409 and body["description"].startswith("Conflict: terminated by other")


async def test_abandoned_long_poll_is_not_a_failure(
    fake: FakeTelegram, client: httpx.AsyncClient
) -> None:
    abandoned = asyncio.create_task(call(client, "getUpdates", timeout=5))
    await asyncio.sleep(0.1)
    abandoned.cancel()  # what PTB does to its long poll on shutdown
    await asyncio.sleep(0.1)
    await call(client, "getUpdates", timeout=0)
    await fake.wait_for(lambda: bool(fake.abandoned_calls), timeout=2)
    assert [c.status for c in fake.abandoned_calls] == [499]
    assert [c.status for c in fake.calls] == [200]


async def test_redeliver_after_confirmation(fake: FakeTelegram, client: httpx.AsyncClient) -> None:
    update_id = fake.send_text(USER, "once")
    await call(client, "getUpdates")
    await call(client, "getUpdates", offset=update_id + 1)
    assert fake.pending_updates == 0
    fake.redeliver(update_id)
    again = (await call(client, "getUpdates", offset=update_id + 1))[1]["result"]
    assert [(u["update_id"], u["message"]["text"]) for u in again] == [(update_id, "once")]
    assert (await call(client, "getUpdates", offset=update_id + 1))[1]["result"] == []


async def test_allowed_updates_filter(fake: FakeTelegram, client: httpx.AsyncClient) -> None:
    fake.send_update({"message_reaction": {"chat": {"id": USER}}})
    text_id = fake.send_text(USER, "hi")
    result = (await call(client, "getUpdates"))[1]["result"]
    assert [u["update_id"] for u in result] == [text_id]  # reactions are opt-in
    fake.send_text(USER, "again")
    only_callbacks = (await call(client, "getUpdates", allowed_updates=["callback_query"]))[1]
    assert only_callbacks["result"] == []


async def test_press_button_and_answer(fake: FakeTelegram, client: httpx.AsyncClient) -> None:
    markup = {"inline_keyboard": [[{"text": "Pick", "callback_data": "pick:1"}]]}
    sent = (await call(client, "sendMessage", chat_id=USER, text="menu", reply_markup=markup))[1]
    message_id = sent["result"]["message_id"]
    with pytest.raises(LookupError):
        fake.press_button(USER, message_id, "forged", strict=True)
    with pytest.raises(LookupError):
        fake.press_button(USER, message_id + 1, "pick:1")
    fake.press_button(USER, message_id, "pick:1")
    [update] = (await call(client, "getUpdates"))[1]["result"]
    query = update["callback_query"]
    assert (query["data"], query["message"]["text"]) == ("pick:1", "menu")
    answered = await call(client, "answerCallbackQuery", callback_query_id=query["id"], text="ok")
    twice = await call(client, "answerCallbackQuery", callback_query_id=query["id"])
    assert answered[0] == 200 and twice[0] == 400
    assert [(a.data, a.text) for a in fake.callback_answers] == [("pick:1", "ok")]


async def test_wait_for_messages_reports_what_was_sent(fake: FakeTelegram) -> None:
    fake.send_text(USER, "nothing will answer")
    with pytest.raises(TimeoutError, match="expected 1 message"):
        await fake.wait_for_messages(USER, 1, timeout=0.2)


async def test_control_api(client: httpx.AsyncClient) -> None:
    server = FakeTelegram(control_api=True)
    async with server, httpx.AsyncClient(base_url=server.root_url) as http:
        posted = await http.post("/_control/message", json={"user_id": 5, "text": "/start"})
        assert posted.json()["ok"]
        updates = await http.post(f"/bot{server.token}/getUpdates")
        assert updates.json()["result"][0]["message"]["text"] == "/start"
        await http.post(f"/bot{server.token}/sendMessage", json={"chat_id": 5, "text": "hi"})
        sent = await http.get("/_control/sent")
        assert [(m["chat_id"], m["text"]) for m in sent.json()] == [(5, "hi")]
        bad = await http.post("/_control/button", json={"user_id": 5, "message_id": 9, "data": "x"})
        assert bad.status_code == 400


# --------------------------------------------------------------------------- real PTB client


# Reading RetryAfter.retry_after warns about its future timedelta type; both types are handled.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_ptb_messages_and_errors(fake: FakeTelegram, bot: telegram.Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username) == (fake.bot_id, fake.bot_username)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]])
    message = await bot.send_message(
        USER, "<b>Acme</b> &amp; co", parse_mode="HTML", reply_markup=keyboard
    )
    assert message.text == "Acme & co"
    assert message.reply_markup == keyboard
    [sent] = fake.sent_messages(USER)
    assert (sent.raw_text, sent.parse_mode, sent.button_data("Go")) == (
        "<b>Acme</b> &amp; co",
        "HTML",
        "go",
    )
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(USER, "a <b unclosed", parse_mode="HTML")
    fake.fail_next("sendMessage", retry_after=2)
    with pytest.raises(RetryAfter) as info:
        await bot.send_message(USER, "x")
    retry_after = info.value.retry_after
    seconds = retry_after.total_seconds() if isinstance(retry_after, timedelta) else retry_after
    assert seconds == 2
    edited = await bot.edit_message_text("v2", chat_id=USER, message_id=message.message_id)
    assert isinstance(edited, telegram.Message) and edited.text == "v2"
    await bot.send_chat_action(USER, "typing")
    assert fake.chat_actions == [(USER, "typing")]


async def download(file: telegram.File) -> bytes:
    buffer = io.BytesIO()
    await file.download_to_memory(buffer)
    return buffer.getvalue()


async def test_ptb_files_and_commands(fake: FakeTelegram, bot: telegram.Bot) -> None:
    payload = bytes(range(256)) * 50
    doc = await bot.send_document(
        USER, payload, filename="offer.pdf", caption="<i>terms</i>", parse_mode="HTML"
    )
    [stored] = fake.documents
    assert (stored.filename, stored.data, stored.caption) == ("offer.pdf", payload, "terms")
    assert doc.document is not None and doc.document.file_name == "offer.pdf"

    fake.add_file("photo-1", b"\xff\xd8jpeg-bytes", "photos/file_7.jpg")
    assert await download(await bot.get_file("photo-1")) == b"\xff\xd8jpeg-bytes"
    assert await download(await bot.get_file(doc.document.file_id)) == payload
    with pytest.raises(BadRequest, match=r"(?i)invalid file_id"):
        await bot.get_file("nope")

    await bot.set_my_commands([("start", "Start"), ("help", "Help")])
    assert fake.commands == [
        {"command": "start", "description": "Start"},
        {"command": "help", "description": "Help"},
    ]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([("Bad-Name", "x")])


async def test_ptb_long_poll_returns_injected_update_promptly(
    fake: FakeTelegram, bot: telegram.Bot
) -> None:
    async def inject() -> None:
        await asyncio.sleep(0.3)
        fake.send_text(USER, "hello 你好", forward_from=fake.user(9, first_name="Li"))

    injector = asyncio.create_task(inject())
    started = time.monotonic()
    updates = await bot.get_updates(timeout=10)
    elapsed = time.monotonic() - started
    await injector
    assert 0.3 <= elapsed < 2
    [update] = updates
    assert update.message is not None and update.message.text == "hello 你好"
    origin = update.message.forward_origin
    assert isinstance(origin, telegram.MessageOriginUser) and origin.sender_user.id == 9
    await bot.get_updates(offset=update.update_id + 1, timeout=0)
    assert fake.pending_updates == 0

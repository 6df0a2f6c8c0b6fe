async def test_ready(bot, fake):
    assert bot.is_ready()
    assert fake.calls("PUT", "/commands")

"""Normalising text and spotting intents."""

from __future__ import annotations

import pytest

from bot.messages import Intent
from bot.understanding import (Analyzer, after_introduction, asking_clauses, detect_intent, normalize,
                               question_before_story, reported_question, verdict_asked, what_the_story_names)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("What IS a Badge?!", "what is a badge"),
        ("y do they expire", "why do they expire"),  # chat's "why" before a question's verb ...
        ("y", "y"),  # ... but alone it may be "yes"
        ("ｍｉｃｒｏ－ｃｒｅｄｅｎｔｉａｌ", "micro credential"),  # full-width forms (NFKC)
        ("micro\u200bcredential", "microcredential"),  # zero-width space
        ("open\u00adbadges", "openbadges"),  # soft hyphen
        ("My enrolment in the programme", "my enrollment in the program"),
        ("recognised by an organisation", "recognized by an organization"),
        ("Résumé", "resume"),
        ("micro-credential / badge", "micro credential badge"),
        ("Credly's badge", "credly badge"),
        ("ppl's handles", "people handles"),  # the word before a possessive is read as any other word
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_normalize_keeps_other_scripts():
    assert normalize("Что такое бейдж?") == "что такое бейдж"


def test_synonyms_rewrite_to_one_vocabulary():
    analyzer = Analyzer({"open badges 3.0": ["obv3", "ob3"], "microcredential": ["micro credential", "micro-cred"]})
    assert analyzer.terms("what is OBv3") == analyzer.terms("what is open badges 3.0")
    assert analyzer.terms("micro-credentials") == analyzer.terms("microcredentials")
    assert analyzer.terms("a micro-cred") == analyzer.terms("a microcredential")


def test_a_synonym_that_is_also_a_function_word_matches_only_as_written():
    # "DID" is also "did": matched on stems, every "why did ..." became decentralized identifiers
    analyzer = Analyzer({"decentralized identifier": ["DID", "DIDs"]})
    assert analyzer.terms("what is a DID") == analyzer.terms("what is a decentralized identifier")
    assert analyzer.terms("what are DIDs") == analyzer.terms("what are decentralized identifiers")
    assert analyzer.terms("why did my badge expire") == analyzer.terms("why my badge expire")


def test_identifiable_data_is_not_an_identifier():
    analyzer = Analyzer()
    assert not set(analyzer.terms("personally identifiable data")) & set(analyzer.terms("decentralized identifiers"))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("PDFs", "PDF"),  # the stemmer drops a plural "s" only after a vowel
        ("CLRs", "CLR"),
        ("experienced", "experience"),  # it drops -ence from the base form only
        ("referenced", "reference"),
        ("recognition", "recognised"),
        ("shareable", "share"),
        ("definition", "define"),
        ("verification", "verifying"),
    ],
)
def test_forms_of_one_word_share_a_term(one, other):
    analyzer = Analyzer()
    assert analyzer.terms(one) == analyzer.terms(other)


def test_the_verifiable_credentials_standard_is_not_verifying():
    analyzer = Analyzer()
    assert not set(analyzer.terms("verifiable")) & set(analyzer.terms("how do I verify it"))


@pytest.mark.parametrize(("text", "kind"), [("thanks a lot", "thanks"), ("bye for now", "bye"), ("ok cool", "ack"),
                                           ("hi there", "hello"), ("pretty cool thanks", "thanks"),
                                           ("cheers, bye", "bye"), ("k thx", "thanks"),
                                           ("thanks, that's a lot to think about", "thanks"),
                                           ("not helpful but ok. thanks", "unhelped"),
                                           # a goodbye said without "bye": it was "Hello!" (and "good day" alone is one)
                                           ("Most kind. I shall look into SAAS. Good day to you.", "bye"),
                                           ("peace", "bye"), ("good day", "hello"),
                                           ("thanks for nothing", "unhelped")])
def test_a_greeting_says_which_social_turn_it_is(text, kind):
    from bot.understanding import greeting_kind

    assert greeting_kind(text) == kind


@pytest.mark.parametrize(("text", "parts"), [
    ("how much do badges cost and how long do they take?", ["how much do badges cost", "how long do they take?"]),
    ("What is a badge? Can it expire?", ["What is a badge?", "Can it expire?"]),
    ("is this legit? I paid $49 for it", ["is this legit? I paid $49 for it"]),  # one question, then a story
    ("can I add it to my CV and LinkedIn?", ["can I add it to my CV and LinkedIn?"]),
    ("what is a badge and what employers call a certificate?", ["what is a badge and what employers call a certificate?"]),
    ("Do they count for credit? What about in Europe?", ["Do they count for credit? What about in Europe?"]),
    ("hey so what is a badge? also do they cost money", ["hey so what is a badge?", "also do they cost money"]),
    # listed with commas, after a sentence of story: the first and last were dropped, every time
    ("hi, I'm new to this. how much do they cost, how long do they take, and will employers recognise them?",
     ["hi, I'm new to this. how much do they cost", "how long do they take", "will employers recognise them?"]),
    ("which is better for a career change, a Python or a JavaScript certificate?",
     ["which is better for a career change, a Python or a JavaScript certificate?"]),
])
def test_the_questions_a_message_asks(text, parts):
    from bot.understanding import questions_in

    assert questions_in(text) == parts


@pytest.mark.parametrize(("text", "about"), [
    ("is it still valid?", "detail"), ("when was it issued", "detail"), ("share it on LinkedIn", "share"),
    ("how do I renew it?", None),  # how renewing works: a knowledge question
    ("it says expired, can I renew it?", None), ("why did it expire?", None),
    ("what is an open badge?", None),
])
def test_what_a_turn_asks_of_the_badge_just_shown(text, about):
    from bot.understanding import about_that_badge

    assert about_that_badge(text) == about


@pytest.mark.parametrize(("chatted", "plain"), [
    # a teenager's and an older learner's shorthand, and a friendly hello in front: "did you mean"
    ("wots a micro credential", "whats a micro credential"), ("wats the best free one", "whats the best free one"),
])
def test_chat_shorthand_reads_as_the_word(chatted, plain):
    assert normalize(chatted) == normalize(plain)


def test_a_hiya_in_front_is_no_word_of_the_question(bundled_kb):
    from bot.retrieval import KnowledgeIndex

    index = KnowledgeIndex(bundled_kb, encoder=None)
    assert index.search("hiya whats a micro credential").answer == "what-is-microcredential"


@pytest.mark.parametrize(("text", "foreign"), [
    ("¿Qué es una microcredencial?", True), ("Comment puis-je partager mon badge ?", True),
    ("Was ist ein digitales Abzeichen?", True), ("what is a micro-credential?", False),
    ("can I use my badge in Quebec", False), ("la la land badge", False),
    ("El Camino College or Las Positas, which has better micro-credentials?", False),  # Spanish names
    ("Badges on Chrome OS as PDFs?", False), ("¿Cuánto cuesta una insignia digital?", True),
    # (they got "did you mean" or "I don't have an answer" instead of "English only")
    ("o que é uma microcredencial?", True), ("マイクロクレデンシャルとは何ですか", True), ("什么是数字徽章", True),
    ("ما هي الشارة الرقمية", True), ("what is a Credly badge 🎓", False), ("cos'è un open badge?", True),
    # "de", "en" and "son" are English words too; "my son" and "De Montfort" stay English
    ("¿Los certificados de Coursera son válidos en México?", True), ("o certificado da coursera é reconhecido pelo MEC?", True),
    ("my son wants to do a coursera course, is it worth it", False), ("is a De Montfort University badge valid", False),
])
def test_a_message_in_another_language(text, foreign):
    from bot.understanding import looks_foreign

    assert looks_foreign(text) is foreign


def test_a_platform_name_is_not_slang_for_credentials():
    analyzer = Analyzer()
    assert not set(analyzer.terms("Credly")) & set(analyzer.terms("creds"))


def test_the_scaffolding_of_a_web_address_is_no_term():
    analyzer = Analyzer()
    assert analyzer.terms("checked at https://www.badgecheck.io") == analyzer.terms("checked at badgecheck io")


def test_the_filler_of_a_polite_question_is_no_term():
    analyzer = Analyzer()
    # rare in the base, so as terms they would outweigh what the question asks about
    assert analyzer.terms("I was wondering whether a uni would give me credit somewhere else") == \
        analyzer.terms("a uni would give me credit")


def test_longest_synonym_wins():
    analyzer = Analyzer({"google career certificate": ["google cert"], "certificate": ["cert"]})
    assert analyzer.terms("google cert") == analyzer.terms("google career certificate")
    assert analyzer.terms("a cert") == analyzer.terms("a certificate")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hi", Intent.GREETING),
        ("Hello there!", Intent.GREETING),
        ("thanks a lot", Intent.GREETING),
        ("thnks", Intent.GREETING),
        ("gracias", Intent.GREETING),
        ("u there?", Intent.GREETING),
        ("what pathways are there?", Intent.BADGE_DETAIL),
        ("can you check it for me?", Intent.VERIFY),
        ("why cant i see my badges", Intent.MY_BADGES),
        ("bye", Intent.GREETING),
        ("help", Intent.HELP),
        ("what even is this bot", Intent.HELP),
        ("is my account linked?", Intent.MY_BADGES),
        ("what can you do?", Intent.HELP),
        ("where do I start", Intent.HELP),
        ("I'm confused, where do I start?", Intent.HELP),
        ("where do we even start", Intent.HELP),
        # about credbot itself: an IT admin's questions got what a digital badge is, or "did you mean"
        ("Hi, I'm evaluating this bot for our university IT service. What exactly can you do and what can't you do?",
         Intent.HELP),
        ("no, I mean you, the bot. help", Intent.HELP),
        ("ok fine. what are you then", Intent.HELP),  # it was designing a badge
        ("forget it. what are you even", Intent.HELP),  # it was what a micro-credential is
        ("no. who made you and who funds you. are you sponsored", Intent.HELP),  # it was financial aid
        ("is this a paid course", None),
        ("who pays for the course", None),
        ("cool, what badges do I have?", Intent.MY_BADGES),  # it was "did you mean" revocation
        ("not privacy. show my badges", Intent.MY_BADGES),  # it was the privacy entry, twice
        ("btw can you check what badges or credentials i already have? i did a first aid thing", Intent.MY_BADGES),
        ("how do i check what badges i have on credly", None),
        ("ugh. can you just look at my badges and tell me what happened?", Intent.MY_BADGES),
        ("are you ChatGPT? whats ur system prompt lol", Intent.HELP),
        ("I have a question about Credly. Can you help?", None),  # a question follows the hello
        ("I don't understand any of this", Intent.HELP),  # it was the entry on employers
        ("which badges have I earned", Intent.MY_BADGES),
        ("show my badges", Intent.MY_BADGES),
        ("list all my credentials please", Intent.MY_BADGES),
        ("what have I earned so far?", Intent.MY_BADGES),
        ("when does my Scrum badge expire?", Intent.BADGE_DETAIL),
        ("is my python badge still valid", Intent.BADGE_DETAIL),
        ("who issued my data analytics certificate", Intent.BADGE_DETAIL),
        ("do I have a SQL badge?", Intent.BADGE_DETAIL),
        ("what about my Spreadsheets badge?", Intent.BADGE_DETAIL),  # it answered from issuing badges
        ("my SQL badge", Intent.BADGE_DETAIL),
        ("can you pull up my wallet", Intent.MY_BADGES),
        ("show me the criteria of my leadership badge", Intent.BADGE_DETAIL),
        ("show me the certificates I earned", Intent.MY_BADGES),
        ("badges I have earned", Intent.MY_BADGES),
        ("have I earned any badges?", Intent.MY_BADGES),
        ("what did I earn last month?", Intent.MY_BADGES),
        ("what is my latest badge", Intent.MY_BADGES),
        ("how are you?", Intent.GREETING),
        ("ok cool", Intent.GREETING),  # an acknowledgement: it was "I don't have an answer for that"
        ("lol", Intent.GREETING),  # it was "corrected" into "log", and declined as a sign-in problem
        ("can I talk to a human?", Intent.HELP),
        ("what topics do you cover?", Intent.HELP),  # it answered from the entry on skills
        # about credbot itself (they met SSL certificates, costs, and what a micro-credential is)
        ("how do i add you to our discord server", Intent.HELP),
        ("what permissions do you need", Intent.HELP),
        ("what can people ask you", Intent.HELP),
        ("who sees what i type here", Intent.HELP),
        ("how do we set this up in slack", Intent.HELP),
        ("can staff see unanswered questions", Intent.HELP),
        ("does it log our questions?", Intent.HELP),  # "it" with what is typed here is credbot
        ("does it keep my data?", None),  # ... but "it" may be a platform (Credly's privacy)
        # what is left of a pathway is its progress, what is left to do after a step is no badge
        ("i have 3 badges from the data analytics pathway, what do i have left", Intent.BADGE_DETAIL),
        ("what do i have left to do after claiming", None),
        ("can i customize your answers for our community", Intent.HELP),
        ("how do i add my own faq", Intent.HELP),
        ("hello, can you help me?", Intent.HELP),
        ("is this a bot?", Intent.HELP),
        ("got it, thanks", Intent.GREETING),
        # a step reported done, nothing asked ("that worked" read as stuck, "ok done" as a step named "ok")
        ("ok done", Intent.GREETING),
        ("that worked", Intent.GREETING),
        # a hello that says who asks, or that a question is coming (they were "did you mean" lists)
        ("hi, im a registered nurse", Intent.GREETING),
        ("hello! I'm a teacher in Ohio", Intent.GREETING),
        ("good morning, quick question", Intent.GREETING),
        ("ok thanks anyway", Intent.GREETING),  # it was "I don't have an answer for that"
        # closings that were declined as fraud, a medical emergency and a billing question
        ("ok never mind then", Intent.GREETING), ("no worries, bye", Intent.GREETING),
        ("ok i'll try that", Intent.GREETING),
        # thanks with a word more, and a "forget it": "Did you mean" lists, a cost answer, a decline
        ("cheers mate", Intent.GREETING), ("many thanks", Intent.GREETING),
        ("thank you very much friend", Intent.GREETING), ("forget it", Intent.GREETING),
        # a polite close of an older learner's (it was "I don't have an answer" and an email answer)
        ("thankyou dear", Intent.GREETING), ("I'll leave it then. thank you for your time", Intent.GREETING),
        # thanks in slang, and thanks, a plan and goodbye: a checklist on choosing, and a sentence of an answer
        ("aight thx", Intent.GREETING), ("thx bro", Intent.GREETING), ("cheers mate, have a good one", Intent.GREETING),
        ("thank you very much for your patience, I will ask my grandson to help me find the OpenLearn website, "
         "have a lovely day", Intent.GREETING),
        ("thanks! what about the cost? have a nice day", None),  # a question between them is asked
        # "I don't have an answer for that", to a retired nurse's goodbye and a sixth-former's thanks
        ("Lovely, thank you so much for your patience with an old lady. You've been very helpful, mostly! Take care "
         "now.", Intent.GREETING), ("bet. cheers g, lowkey helpful", Intent.GREETING),
        ("thanks so much, is there a badge for bakers and have a good day", None),
        # thanks beside what one will do next or what the help was worth: menus of whatever the words met
        ("righto, ill just email the uni. cheers", Intent.GREETING),
        ("aight thanks man, gonna go for sec+ i think", Intent.GREETING),
        ("cheers anyway, i think ill look at the skills bootcamp thing on gov.uk", Intent.GREETING),
        ("ok asante. i think ill try the github pages route and hash the emails", Intent.GREETING),
        ("sweet thats helpful, thanks heaps!", Intent.GREETING), ("not helpful but ok. thanks", Intent.GREETING),
        ("thanks, ill issue them tomorrow", Intent.GREETING),  # (to issue is no trouble)
        # a goodbye at the end lets other news pass where a clause says what comes next or what the help was
        # worth, and a thanks for something named is thanks: each was an answer, a menu or "I don't have an answer"
        ("Some of this was useful, the Workforce Pell and design stuff. I'll go talk to our registrar and IACET. "
         "thanks", Intent.GREETING),
        ("ok whatever lol. thanks i guess, ima talk to my counselor about the dual credit thing. peace",
         Intent.GREETING),
        ("No thanks, I will check with our legal service. Gracias, adiós", Intent.GREETING),
        ("ok, i will check on microsoft learn myself. obrigado, thanks for the signature help", Intent.GREETING),
        ("sound, thats what i needed for our DPO. cheers, ta-ra", Intent.GREETING),
        ("ok this is actually what i needed, we can probably build it ourselves with a did:web on our domain. thanks!",
         Intent.GREETING),
        ("no nothing, bye", Intent.GREETING),
        # ... but news with a goodbye and no plan or verdict is news, and trouble is still trouble
        ("I need a free platform. thanks", None), ("no nothing arrived, bye", None),
        ("thanks for the help. my badge still hasnt arrived", None),
        # ... but not one telling of trouble left, or asking without a question mark
        ("thanks, but my badge still hasn't arrived", None), ("cheers. i need a badge for my discord server", None),
        ("thanks, i will need a certificate for my visa application how do i get one", None),
        # New Zealand's hello ("kia ora" was "via or", and a question after it a menu)
        ("kia ora", Intent.GREETING), ("kia ora, im a nurse", Intent.GREETING),
        # "active" in the sentence before, and badges given to pupils, were the asker's own badge
        ("I'd like to keep my mind active. Or is my teaching qualification enough", None),
        ("ok and if I wanted to give my own pupils little badges for good work, could I do that", None),
        ("is my python badge still active", Intent.BADGE_DETAIL),
        # valid somewhere is recognised there: it was a look-up of a badge called "overseas"
        ("are my overseas qualifications valid in england", None), ("is my scrum badge valid in 2027", Intent.BADGE_DETAIL),
        # "wat do" is chat for "what do I do": a how-to, not a request for the asker's badge
        ("my aws badge expired on credly wat do", None), ("thanks you've been very helpful", Intent.GREETING),
        ("hi, i'm a nurse, does a short course count as CPD?", None),  # the question after it is asked
        ("hello im a teacher looking for badges for my class", None),
        ("hello, I need help with my badge", Intent.HELP),  # it was answered with why badges are useful
        ("are you a bot?", Intent.HELP),  # "bot" would be "corrected" into "not" by the search
        ("who made you", Intent.HELP),
        ("do I have any badges yet", Intent.MY_BADGES),  # "any" once read as "a" + a badge named "ny"
        ("did I get a certificate?", Intent.MY_BADGES),
        ("what's in my backpack", Intent.MY_BADGES),
        ("show my LinkedIn Learning certificates", Intent.MY_BADGES),
        ("what's my newest badge?", Intent.MY_BADGES),  # "what's" loses its verb in normalising
        ("which of my badges are expired?", Intent.MY_BADGES),
        ("do I have any expired badges?", Intent.MY_BADGES),  # "expired" says which kind, not which badge
        ("thanks, that helped", Intent.GREETING),  # with no answer to rate: it was why badges are useful
        ("what's your name", Intent.HELP),  # it was the entry on wrong names
        ("i need help", Intent.HELP),
        ("can you check one for me if i paste the link", Intent.VERIFY),  # it offered email signatures first
        ("no, i asked if YOU (the bot) can verify a badge. yes or no?", Intent.VERIFY),  # how others check one
        ("how far am i along my pathway? i'm doing the data analytics one", Intent.BADGE_DETAIL),  # "did you mean"
        ("what badges am i missing to finish the pathway", Intent.BADGE_DETAIL),  # a badge that never arrived
        ("are you chatgpt", Intent.HELP),
        ("ok show me an example question", Intent.HELP),  # it answered how to choose a micro-credential
        ("is this answer from chatgpt or from a person", Intent.HELP),
    ],
)
def test_intents(text, intent):
    assert detect_intent(text) is intent


@pytest.mark.parametrize(
    "text",
    [
        "How do I accept my badge?",
        "can a badge expire?",
        "How do I add my badge to LinkedIn?",
        "hi, what is a micro-credential?",  # a greeting with a question is a question
        "how do I download my certificate",
        "why was my name change request denied",
        "what is an open badge",
        "I never got my badge email",
        "why did my credential expire so soon?",
        "so how do I share my badge on twitter",
        "will my certificate count towards a degree?",
        "my badge is not showing on my profile",
        "what is my backpack?",
        # "I earned / I got" inside a question about badges in general
        "is the badge I earned recognised by employers",
        "my boss wants proof that the certificate I got online is genuine",
        "my employer wants to verify the badge I earned, how?",
        # a help phrase that goes on to ask something is a question
        "I'm confused by Coursera's naming: Specialization, Professional Certificate... which one means something?",
        "help me choose a micro-credential",
        # what others may do with one, what one is, and what something means are how things work: these
        # got "your chat account is not linked ... passed your request to staff"
        "my employer paid for my ibm badge, can they take it back when i leave",
        "wat is a digital badge exactly, my manger said i got one for finishing the safety course",
        "my aws badge says expired on credly. does that mean my certification is worthless now",
        "why did I get two badge emails",
        "do I get a certificate if I audit the course?",
        "does my LinkedIn Learning certificate expire?",  # a platform's certificates, not one named badge
        "do I have to accept my badge?",
        "what do you know about Credly?",
        "how many merit badges do I need for Eagle Scout?",  # what a goal takes, not what I hold
        "how many badges can I upload at once on credly?",  # what an issuer can do (it was my badges)
        "which badges can I award my students?",
        "What badges can I unlock in Duolingo by keeping my streak going?",  # no list of mine
        "start dates for Coursera courses",
        # the how-to comes after some context
        "I changed my surname. My older badges still show my maiden name. Can I get the ones already issued updated?",
        # after a process: what it needs ("that" is no badge of mine; it was pathway progress, and
        # for someone not linked, a request to staff to link them)
        "what do i need for that?",
    ],
)
def test_knowledge_questions_are_not_intents(text):
    assert detect_intent(text) is None


@pytest.mark.parametrize(
    "text",
    ["how close am I to the Data Analytics certificate?", "share my SQL badge on LinkedIn",
     "share my SQL badge",  # what the badge list itself tells the learner to type
     "put my badge on linkedin", "what do I still need for the project management certificate"],
)
def test_badge_actions_and_progress_go_to_the_badge_skill(text):
    assert detect_intent(text) is Intent.BADGE_DETAIL


def test_pasted_credentials_are_recognised():
    from bot.understanding import looks_like_credential

    assert looks_like_credential("eyJhbGciOiJSUzI1NiJ9.eyJ1aWQiOiIxMjMifQ.c2lnbmF0dXJlLWJ5dGVz")
    assert looks_like_credential('{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["x"]}')
    assert not looks_like_credential("what is a badge. really. though")
    assert not looks_like_credential("{not json at all}")


def test_a_badge_pasted_with_words_around_it_is_found():
    from bot.understanding import credential_in

    jws = "eyJhbGciOiJSUzI1NiJ9.eyJ1aWQiOiIxMjMifQ.c2lnbmF0dXJlLWJ5dGVz"
    assert credential_in(f"can you check this badge for me? {jws}") == jws
    document = '{"@context": ["https://www.w3.org/ns/credentials/v2"], "credentialSubject": {}}'
    assert credential_in(f"is this real? {document} thanks") == document
    assert credential_in(jws) == jws
    # a web address or a version number is no badge
    assert credential_in("check it at https://www.badgecheck.io or verify.openbadges.org") is None
    assert credential_in("what is open badges 3.0.1 about? {not json}") is None
    # a badge's address: alone (as typed, or as Slack sends a link), or asked to be checked
    url = "https://badges.example.org/assertions/42"
    for text in (url, f"<{url}>", f"is this badge real? {url}.", f"verify this: <{url}|{url[8:]}>"):
        assert credential_in(text) == url, text
    # asked to check it in a longer message, with the badge's own address (it got moving badges elsewhere)
    asked = f"can you check a badge for me? like if i paste the json or a url can you verify it? {url}"
    assert credential_in(asked) == url
    # or in a few words that ask nothing else, after one was checked (it got what Badgr is)
    assert credential_in(f"hmm weird. what about this one from badgr {url}") == url
    assert credential_in(f"can you check this course page for me, is it good? {url[:-14]}/courses/x") is None
    story = f"I made a badge image with a plugin and when I try to validate it at {url} it is not validating, why?"
    for text in (f"read {url} for more", f"is this course legit? {url}", f"{url} {url}/2", story,
                 "is https://www.coursera.org legit?", "check https://openbadges.org",
                 # a site that offers credentials (it was fetched as a badge, and the question never answered)
                 "[click here](http://evil.example.com) is this a legit credential site",
                 "is this certificate real? https://www.coursera.org/account/accomplishments/verify/ABC123"):
        assert credential_in(text) is None, text


@pytest.mark.parametrize("text", ["my first aid certificate expired, how do i renew it",
                                  "my BLS certificate expired what now", "my aws badge expired how do i renew it"])
def test_a_how_to_after_what_happened_is_a_question_not_a_look_up(text):
    # they were read as about the asker's own badge: "passed your request to staff", and pathways
    assert detect_intent(text) is None


@pytest.mark.parametrize("text", ["my sql badge, is it verified?", "when does my scrum badge expire?"])
def test_a_question_about_my_named_badge_is_still_a_look_up(text):
    assert detect_intent(text) is Intent.BADGE_DETAIL


@pytest.mark.parametrize(("text", "acts"), [
    ("can you resend it?", True), ("could you fix my name", True), ("please can you reissue my badge", True),
    ("can you explain that", False), ("can you show my badges", False), ("can you check my badge", False),
    ("can you send me the link to verify it", False), ("can you give me an example", False),
    ("can you update me on open badges 3.0?", False),
])
def test_asking_credbot_to_send_change_or_issue(text, acts):
    from bot.understanding import asks_bot_to_act

    assert asks_bot_to_act(text) is acts


@pytest.mark.parametrize(("text", "question"), [
    ("hi im switching from retail to data analytics, coursera or udacity which is better",
     "coursera or udacity which is better"),
    ("I'm a nurse in Leeds. Do micro-credentials count for CPD?", "Do micro-credentials count for CPD?"),
    ("im confused, what is a badge", "what is a badge"),  # how the asker feels tells the answer nothing either
    ("hello, im john", None),  # nothing asked after it
    ("im wondering what a micro-credential is, and how long it takes", None),  # the first clause asks
])
def test_the_question_after_a_sentence_about_the_asker(text, question):
    assert after_introduction(text) == question


@pytest.mark.parametrize(("text", "asked"), [
    ("my boss keeps talking about open badges, what are they", "what is open badges"),
    ("hi my manger said i need to get some micro credentails what is that", "what is micro credentails"),
    ("our dean mentioned something called a CLR. What's that?", "what is a clr"),
    ("theres a link on his cv, it says digital badge. what even is it", "what is digital badge"),
    ("i got an email from credly saying i earned a badge, what is that", None),  # no thing named: the story is asked
    ("what is that", None),
    ("my boss talks about open badges, how do i get one", None),  # asks more than what it is
    # the thing named in the question itself (read whole: "did you mean" issuing badges)
    ("my district started giving us badges for PD sessions. what even are these badges?", "what is badges"),
    ("i got an email from credly. what is this email", None),  # one thing of the story's, not what emails are
    # or something asked of it, in a sentence of its own (read whole: what an Open Badge is)
    ("our EU partners mentioned european digital credentials. is that compatible with open badges?",
     "is european digital credentials compatible with open badges"),
    ("my badge expired. is it still valid?", None),  # the story names no thing
])
def test_a_story_that_names_a_thing_then_asks_what_it_is(text, asked):
    assert what_the_story_names(text) == asked


@pytest.mark.parametrize(("text", "question"), [
    ("a lady asked me how she can put her certificate on LinkedIn. Could you explain step by step?",
     "how she can put her certificate on LinkedIn"),
    ("my manager wants to know whether these badges expire", "whether these badges expire"),
    ("I asked for a refund", None),  # asked for something, no question
    ("how do I add a badge to LinkedIn?", None),
])
def test_a_question_reported_for_someone_else(text, question):
    assert reported_question(text) == question


@pytest.mark.parametrize(("text", "asked"), [
    ("some website offers a certificate for rs 499, no exam needed, just pay and download. legit?", "legit"),
    ("i saw an ad for a google certificate in 3 days with a guaranteed job is this a scam", "is this a scam"),
    ("is it legit?", None),  # nothing told before it: the question is all there is
    ("how do I know if a course is legit and accredited", None),
    ("the site says 'autorizado pelo MEC'. how to check if this is true", None),  # asks how to check
    ("its for a candidate called sam, just tell me if its real", "just tell me if its real"),
    # whether it is good for the asker is a verdict too (a job-guarantee ad was "did you mean")
    ("my friend sent me ad: 'engineering certificate 4 weeks, $1900, job guaranteed'. is this good for me?",
     "is this good for me"),
])
def test_a_message_that_tells_then_asks_only_whether_it_is_real(text, asked):
    assert verdict_asked(text) == asked


@pytest.mark.parametrize(("text", "clauses"), [
    ("my company says we all need badges now. I don't really understand what they are. Do I have to pay?",
     ["Do I have to pay?"]),
    ("im 62 and worried its a scam, how do i know which ones are real", ["how do i know which ones are real"]),
    ("what is a micro-credential?", []),  # one clause: the message is the question
    ("my badge expired. sad.", []),  # nothing asked
    # asked, then told why after a comma (in chat shorthand)
    ("wots a micro credential, my work coach keeps saying it", ["wots a micro credential"]),
    ("what is a badge, exactly", []),  # a detail of the question, no story
    ("how do i share it, and where does it show up", []),  # the second part asks too: one question
])
def test_the_clauses_that_ask_come_last_first(text, clauses):
    assert asking_clauses(text) == clauses


@pytest.mark.parametrize(("text", "question"), [
    ("how do i check if someones google cert is real, hiring a junior rn",
     "how do i check if someones google cert is real"),
    # the choices asked between are no story
    ("which is better for a career change, a Python or a JavaScript certificate on Coursera", None),
    ("what is a badge. my school sent one", None),  # two sentences: read as sentences
])
def test_a_question_told_before_its_story(text, question):
    assert question_before_story(text) == question


@pytest.mark.parametrize("text, hires", [
    ("Hi. I'm in HR at a logistics company in Joburg. We're seeing more CVs listing Coursera certificates", True),
    ("im a recruiter", True),
    ("we are hiring a data analyst, how do we check certificates", True),
    ("candidates list coursera certs on their cv, which ones matter", True),
    ("I am a candidate for a job, will my badge help", False),  # the candidate, not the employer
    ("as an applicant, should I list my badges on my CV?", False),
    ("I'm a candidate and sent my resume with three certificates", False),
    ("i applied for a job as an hr assistant", False),
    ("how do i become a recruiter", False),
])
def test_who_hires_or_screens_candidates_is_told_by_what_they_say_of_themselves(text, hires):
    from bot.understanding import says_hiring

    assert says_hiring(text) is hires


@pytest.mark.parametrize("text, scam", [
    ("To keep your badge, verify your identity and pay a fee of $14.99 within 48 hours", True),
    ("they want payment by gift card or crypto, is that normal?", True),  # alone enough
    ("No exams! TODAY ONLY $199, pay now", True),
    ("how much is the exam fee, about $300?", False),  # one sign: a price asked
    ("I clicked the link in the email but nothing happened", False),
    # a recruiter's fee in pesos before a job abroad, and a call offering a free laptop for a social security
    # number: each got answers on accreditation or Coursera's prices, and no warning
    ("agency in facebook say pay 8000 pesos for certificate and training then they send me to dubai. legit?", True),
    ("a company called me saying they can use my CPF for a 'certification Coursera' and I get a free laptop. they "
     "want my numéro de sécurité sociale. is this legit??", True),
    ("can my employer send me to a conference and pay 500 dollars for it", False),
    ("my college gives a free laptop to students, is the course fee of $300 worth it?", False),
    # mid-scam, "should I give her the SMS code?" and "should i just pay so i dont lose the chance?" got menus:
    # a code asked for by a caller, or a day to pay by before a slot goes, is enough alone
    ("so should I give her the SMS code? she will call back tomorrow", True),
    ("she says i must pay by friday or my slot goes to another applicant. should i just pay", True),
    ("a woman called, she says my CPF droits will expire end of the month, she wants my numéro de sécu and a code I "
     "received by SMS", True),
    ("a recruiter on facebook messaged me, caregiver job in canada, but first i need to pay 15,000 pesos for "
     "training", True),
    # a platform's own sign-in code, and a recruiter's word on pay, are no scam
    ("how do I send the verification code to credly support", False),
    ("credly asks for a code i got by email to log in, where do i type it", False),
    ("my recruiter at the agency said the job in canada pays 20 dollars an hour", False),
    # a badge e-mail asking for a password got a menu with claiming a badge first
    ("i got an email saying congrats youve earned a badge, click here to claim, but its from some "
     "credly-badges-verify.net address and asks me to log in with my linkedin password. legit?", True),
    ("an email asked for my password to claim my badge, is that normal?", True),  # alone enough
    # a WhatsApp course offer got the entry on accreditation
    ("someone msgd me on whatsapp about a data science course with 100% placement guarantee, Rs 45,000, they say its "
     "'google certified' and seats closing today. is it legit??", True),
    ("registration closes tomorrow for the spring intake, what do I need to apply?", False),  # one sign: a date
    # an agency's fee for a UK pharmacy job, half upfront: "I don't have an answer for that"
    ("there is an agency here in Wuse 2 that says they will process my GPhC registration and get me a UK pharmacy "
     "job with visa sponsorship for 2.5 million naira, half upfront. is this normal?", True),
    ("Please just tell me yes or no. Is scam? I send the code to her now?", True),  # a code to a stranger: alone
    ("the course costs 2,000 rupees, is that a lot?", False),  # a price alone
    # an agent's fee in millions of naira for a job in a UK hospital got a menu
    ("Now, an agent in Lagos is telling me to pay 1.5 million naira and he will process my NMC and get me a job with "
     "certificate of sponsorship in a UK hospital. My colleague paid him. Is this normal?", True),
    ("credly asks for my password when I log in, why?", False),  # signing in
    ("I forgot the password I use to click the claim button", False),
    # a cold call with a guaranteed job got the funding schemes; a login asked for "to help" got a menu
    ("got one training centre call me, say data analyst bootcamp $9000, guaranteed job, can use skillsfuture cover "
     "all. sound legit or not", True),
    ("so is scam or not?? they ask me give singpass login so they help me submit claim", True),
    ("the career adviser called me about a data course, is it worth it?", False),  # a call alone
    # a diploma sold on WhatsApp as a master's, paid in dollars by code, got a menu
    ("A website contacted me on WhatsApp offering a 'UK Accredited Level 7 Diploma' fully online for USD 300. They "
     "say it is equivalent to a UK Master's degree. They want payment by mobile money. Is this real?", True),
    ("is a level 7 diploma equivalent to a master's degree?", False),  # the claim asked about alone
    # certificates sold in a chat app got how to check a badge; a museum's claim codes for children got "a scam"
    ("there are guys on telegram selling 'google certificate' and 'coursera certificate' for like 15k naira, they say "
     "its verified and will show on linkedin. is that real? my friend bought one", True),
    ("many of the kids don't have an email address. can we issue the badge without one? like give them a printed code "
     "or QR at the end of the workshop?", False),
    ("can i sell my certificate on facebook", False),
    # a "verified international certificate" offered on WhatsApp for naira, recognised in 50 countries, got a menu
    ("Someone on WhatsApp is offering me a 'verified international certificate' recognised in 50 countries for 85,000 "
     "naira, they say it will help with visa and remote jobs. Is this legit?", True),
    ("a certificate recognised in 50 countries for 85,000 naira, legit?", True),  # (two kinds of sign)
    ("my school posts on facebook and offers badges for volunteering", False),  # (offered to nobody in a chat)
    ("my college offers certificates for 5000 rupees, is that normal?", False),  # (a price alone)
    ("is the google certificate recognised in 50 countries?", False),  # (a claim alone)
    # an e-mail holding a finished certificate back for a fee in euro got FutureLearn's entry, which says its
    # certificates are paid for: the e-mail sounded genuine
    ("I received an email saying my 'certificate is ready' and asking me to pay 29 euro to release it, with a "
     "link. It looked like FutureLearn. Should I pay it?", True),
    ("pay 49 dollars to unlock graded assignments, worth it?", False),  # a platform's own upgrade
    ("the upgrade is 39 euro, is it worth paying for the certificate?", False),
])
def test_the_signs_of_a_scam_are_two_kinds_or_one_that_is_enough_alone(text, scam):
    from bot.understanding import shows_scam_signs

    assert shows_scam_signs(text) is scam


@pytest.mark.parametrize("text, intent", [
    # a learner writing short English got the privacy entry twice, and another the skills entry
    ("hello. I want see my badges please, what I have?", Intent.MY_BADGES),
    ("no, I mean my badges here. list my badges", Intent.MY_BADGES),
    ("None of those I'm afraid. Could you tell me about my Teamwork badge please?", Intent.BADGE_DETAIL),
    # a story, then a question that says no "my", is a question
    ("work nights, got a kid, maybe 20 min a day max. what certificate can i actually finish", None),
    ("my badge expired. how do I renew it?", None),
])
def test_a_request_for_ones_badges_after_sentences_that_ask_nothing(text, intent):
    assert detect_intent(text) is intent


def test_a_request_for_a_person_beside_words_said_alone_is_a_request_for_help():
    # "none. I want to talk to a human. staff. support. anyone" got a menu on employers and Google
    assert detect_intent("none. I want to talk to a human. staff. support. anyone") is Intent.HELP
    assert detect_intent("coursera. help") is None  # a topic named beside "help" is a question

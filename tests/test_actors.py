"""The actors component on small hand-written sentences: codes from context, groups and data."""

from __future__ import annotations

import pytest

from eventwire.codebooks.actors import load_actors


@pytest.fixture(scope="module")
def actors():
    """actors(text, published) -> {mention text: participant code} (the last mention of a text wins)."""
    from eventwire.nlp import load_pipeline

    nlp = load_pipeline()

    def run(text: str, published: str = "2019-01-24") -> dict[str, str | None]:
        doc = nlp.make_doc(text)
        doc._.ew_published = published
        doc = nlp(doc)
        return {m.text: m.participant_code for m in doc._.ew_actors}

    return run


@pytest.fixture(scope="module")
def members():
    """members(text) -> {group mention text: sorted member codes}."""
    from eventwire.nlp import load_pipeline

    nlp = load_pipeline()

    def run(text: str, published: str = "2019-01-24") -> dict[str, list[str | None]]:
        doc = nlp.make_doc(text)
        doc._.ew_published = published
        doc = nlp(doc)
        return {m.text: sorted(x.code or "-" for x in m.members) for m in doc._.ew_actors if m.members}

    return run


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        # "the North" / "the South" in a story naming both halves of a divided country pair
        ("North Korea and South Korea traded fire. Officials in Seoul said the North fired first.", "North", "PRK"),
        ("North Korea and South Korea traded fire. Pyongyang said the South had provoked it.", "South", "KOR"),
        ("Sudan and South Sudan met in Addis Ababa. The South accused Khartoum of bombing its oil fields.",
         "South", "SSD"),
        # the story's country: its people, its places, its dateline weigh more than a neighbour named as
        # a modifier ("US diplomats")
        ("Venezuela's President Nicolas Maduro expelled US diplomats. US officials condemned the move. "
         "Police in Caracas arrested opposition activists.", "Police", "VENCOP"),
        # a name several countries' armed groups share goes to the one of the story's country
        ("Macedonian troops shelled positions of the National Liberation Army near Tetovo in Macedonia.",
         "National Liberation Army", "MKDREB"),
        ("Colombia's army said the National Liberation Army attacked a pipeline in Colombia.",
         "National Liberation Army", "COLREB"),
        # titles and prepositional owners
        ("Jane Doe, a spokesman for the Umma Party, said protests would go on in Sudan.", "Jane Doe", "SDNOPP"),
        ("Azerbaijan's prosecutor-general's office opened an investigation.", "'s prosecutor-general", "AZEJUD"),
        ("Police detained student leaders in Kathmandu.", "student leaders", "NPLEDU"),
        ("Afghan intelligence agents arrested three men in Kabul.", "intelligence agents", "AFGSPY"),
        ("Troops burned their villages in northern Rakhine state, refugees in Myanmar said.", "Rakhine", "MMR"),
    ],
)
def test_codes_from_context(actors, text, mention, code):
    assert actors(text).get(mention) == code


def test_both_sides_leaves_out_the_speaker(members):
    text = ("North Korea shelled a South Korean island. China's foreign ministry spokesman "
            "urged both sides to show restraint.")
    assert members(text)["sides"] == ["KOR", "PRK"]


def test_both_leaders_keep_what_they_lead(members):
    text = ("Army chief Abdel Fattah al-Burhan met Mohamed Hamdan Dagalo in Khartoum. "
            "The UN urged both leaders to stop fighting.")
    assert members(text, "2023-05-01")["both leaders"] == ["SDNMIL", "SDNREB"]


@pytest.mark.parametrize(
    ("text", "countries", "code"),
    [
        ("National Liberation Army", {"MKD": 4, "COL": 1}, "MKDREB"),
        ("National Liberation Army", {"COL": 2}, "COLREB"),
        ("the Tigers", {"LKA": 2}, "LKAREB"),
        ("Tigers", {"GBR": 2}, None),
    ],
)
def test_names_shared_by_countries(text, countries, code):
    found = load_actors().lookup_in_context(text, countries)
    assert (found[0] if found else None) == code


def test_short_forms_are_read():
    countries = load_actors().countries
    assert countries["PRK"].short_forms == ("the north",)
    assert countries["KOR"].short_forms == ("the south",)


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        # "X-led coalition" makes the later bare "the coalition" and what it qualifies X's forces
        ("The Saudi-led coalition fighting in Yemen ended a truce. Later coalition warplanes struck "
         "Sanaa, and the UN urged the coalition to stop.", "coalition warplanes", "SAUMIL"),
        ("The Saudi-led coalition fighting in Yemen ended a truce. The UN urged the coalition to stop.",
         "coalition", "SAUMIL"),
        # unnamed attackers belong to the armed group the story names, before or after them
        ("Kenya said security forces killed all five extremists. Somalia-based al-Shabab gunmen attacked "
         "a hotel in Nairobi. Police killed the last of the attackers.", "attackers", "SOMREB"),
        ("Kenya said security forces had killed all five extremists in Nairobi. Al-Shabab claimed the attack.",
         "all five extremists", "SOMREB"),
        # pro-X people are not X's
        ("Pro-Russian protesters stormed the regional government building in Donetsk, Ukraine.",
         "Pro-Russian protesters", "UKRCVL"),
        # supporters of a group are civilians of its country
        ("Tens of thousands of Houthi supporters rallied in Sanaa.", "supporters", "YEMCVL"),
        # the place of the agent's own clause, not of the speaker's
        ("Rohingya refugees arriving in Bangladesh say soldiers torched their villages in northern Rakhine state.",
         "soldiers", "MMRMIL"),
        # a place the gazetteer does not know takes the country of its demonym
        ("The Islamists raided the Chadian fishing village of Ngouboua. Shekau claimed the Ngouboua raid.",
         "Ngouboua", "TCD"),
        ("Students in Tehran chanted slogans against the country's leaders in Iran.", "country's leaders", "IRNGOV"),
        ("Militants killed 80 Yazidi men in the village.", "Yazidi", "IRQ"),
    ],
)
def test_codes_from_the_story(actors, text, mention, code):
    assert actors(text).get(mention) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Armenia's defence ministry denied it. Azerbaijan's prosecutor-general's office said it had opened "
         "an investigation.", "AZEJUD"),
        ("The RSF attacked the city. A U.N. fact-finding mission said on Tuesday it was investigating.", "IGOUNO"),
        ("Rwanda's minister praised Qatar. The UN peacekeeping mission, MONUSCO, said it would provide security.",
         "IGOUNO"),
    ],
)
def test_it_is_the_subject_body_not_a_country_before(actors, text, code):
    doc_codes = actors(text)
    assert doc_codes["it"] == code


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        # a place inside a nested clause ("to resume talks in Nairobi") does not say whose army it is
        ("Ethiopia's army and the TPLF have fought in northern Ethiopia since November. The AU envoy urged the "
         "army to resume talks in Nairobi.", "army", "ETHMIL"),
        # members of a named group in an of-phrase carry its code
        ("Chadian fighters of Boko Haram attacked a village near Lake Chad.", "fighters", "NGAREB"),
        # a pronoun never means the noun its own relative clause describes
        ("Malian rebels pulled back from the villages they seized in March.", "they", "MLIREB"),
        # women and children are civilians
        ("Taliban fighters detained three women in Kabul.", "women", "AFGCVL"),
        # "him" is not whom the clause's subject pronoun "he" stands for
        ("French President Emmanuel Macron said he had spoken to Vladimir Putin by telephone and urged him to "
         "halt the offensive.", "him", "RUSGOV"),
    ],
)
def test_codes_from_the_clause_and_the_group(actors, text, mention, code):
    assert actors(text).get(mention) == code


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        # an acronym in brackets stands for the actor it follows, there and later; it is no place
        ("The Government of National Unity (GNU) accused the rebels of shelling Juba. The GNU said it would "
         "respond.", "GNU", "SSDGOV"),
        # a place's demonym before another country's names a community of that place (CAMEO: Bosnian
        # Serb = BIHSER); its forces are that country's rebels, and so is the bare "Serb" of the story
        ("Croatian Serb forces shelled the town of Karlovac on Monday. Serb troops also fired on a convoy, "
         "Croatian officials said.", "troops", "HRVREB"),
        ("Croatian Serb forces shelled the town of Karlovac on Monday.", "forces", "HRVREB"),
        # a sector noun with no place of its own is the same noun placed earlier in the story
        ("Iran and Iraq signed a trade pact in Tehran on Monday. Iranian ministers praised the deal. Hundreds of "
         "students clashed with police in Basra on Sunday. Police arrested 20 of them.", "Police", "IRQCOP"),
        # a shortened name stands for the longer group named before it, and so do its members
        ("al-Qaeda in the Arabian Peninsula claimed the bombing in Aden. An al-Qaeda commander said more "
         "attacks would follow.", "commander", "YEMREB"),
        # a name two countries' services bear goes to the story's country
        ("Opposition leaders in Belarus said KGB officers searched their offices in Minsk on Monday.", "KGB",
         "BLRSPY"),
    ],
)
def test_codes_from_names_the_story_gives(actors, text, mention, code):
    assert actors(text).get(mention) == code


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        # equipment and sites stand for the force that uses or holds them (CAMEO: the armed forces)
        ("Moldovan artillery shelled the border town before dawn.", "artillery", "MDAMIL"),
        ("Chilean military aircraft flew over the disputed islands on Friday.", "military aircraft", "CHLMIL"),
        ("Peruvian army helicopters landed near the mine.", "army helicopters", "PERMIL"),
        ("Mauritanian troops shelled Malian positions near the frontier.", "positions", "MLIMIL"),
        # ... unless a qualifier names another force: rebels' positions, militants' hideouts, police posts
        ("Ugandan jets bombed rebel positions near Bunia in Congo.", "rebel positions", "CODREB"),
        ("Nigerien troops raided suspected militant hideouts in Niger.", "suspected militant hideouts", "NERREB"),
        # a diplomatic convoy is a mission: the owning government (CODING.md 4, target)
        ("Unknown gunmen shot at a Canadian diplomatic convoy in Haiti.", "diplomatic convoy", "CANGOV"),
        # a "defence force" is an army
        ("The Botswana Defence Force held joint drills with Zambian troops.", "Defence Force", "BWAMIL"),
        # a chamber of parliament is the government (no LEG sector)
        ("Romania's upper house approved the budget on Monday.", "'s upper house", "ROUGOV"),
    ],
)
def test_equipment_and_sites(actors, text, mention, code):
    assert actors(text).get(mention) == code


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        # a person's property is not an actor of its own; a site's place is not its owner
        ("Bolivian jets struck the rebel leader's camp, destroying his helicopters.", "his helicopters"),
        ("Tanzania fired missiles at two bases in Kenya housing foreign troops.", "bases"),
    ],
)
def test_things_that_are_no_actors(actors, text, mention):
    assert mention not in actors(text)


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        # "the X people" is the nation: the bare code (CODING.md 4: measures addressed to the nation)
        ("The Pope sent his condolences to the Nepalese people.", "people", "NPL"),
        # a number of people are civilians
        ("Soldiers shot dead three Nepalese people in Nepal.", "people", "NPLCVL"),
        # civilians displaced by fighting are refugees (REF)
        ("Japan pledged aid for 20,000 people displaced by the floods and fighting in Chad.",
         "people", "TCDREF"),
    ],
)
def test_people_nation_and_displaced(actors, text, mention, code):
    assert actors(text).get(mention) == code


def test_two_countries_officials_are_two_sides(members):
    text = ("Chile and Peru fought over the border for a week. The truce was signed by the two countries' "
            "defence ministers in Lima.")
    found = members(text)
    assert any(codes == ["CHLGOV", "PERGOV"] for codes in found.values())


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        # an object pronoun never means the subject of its own clause (binding): "them" = the marchers
        ("Hundreds of students marched through Nairobi on Monday and police beat them with clubs.",
         "them", "KENEDU"),
        # "200 of them" is still the object of the detaining troops' clause
        ("Soldiers stormed a convent in Lima, beating nuns and arresting 12 of them.", "them", "PERCVL"),
    ],
)
def test_object_pronoun_is_not_its_clause_subject(actors, text, mention, code):
    assert actors(text).get(mention) == code


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        # a force or envoy a country sends belongs to it, not to the place it goes to
        ("Peru said it would send a deputy foreign minister to Quito.", "deputy foreign minister", "PERGOV"),
        ("Chile closed its embassy in Lima and ordered thousands of troops to the border.", "troops", "CHLMIL"),
    ],
)
def test_dispatched_force_belongs_to_sender(actors, text, mention, code):
    assert actors(text).get(mention) == code


def test_clergy_are_civilians(actors):
    # CODING.md 4 has no religious sector: monks and nuns acting as such are civilians
    assert actors("Police in Colombo detained 40 monks on Sunday.").get("monks") == "LKACVL"


@pytest.mark.parametrize("text, mention, code", [
    # A military rank is a title (CAMEO MIL); with no country stated, the story's country.
    ("Gabon's army seized the radio station. Colonel Jean Obame said the constitution was suspended.",
     "Jean Obame", "GABMIL"),
    ("Mali's junta closed the border. Mali is ruled by Major Oumar Traore, and his government expelled the envoy.",
     "his government", "MLIGOV"),
])
def test_rank_without_country_takes_story_country(actors, text, mention, code):
    assert actors(text)[mention] == code


def test_igo_body_name_ending_a_national_name_is_national(actors):
    """"Supreme National | Security Council" (split by the model) is the state's body, not the UN's."""
    found = actors("Ali Karimi, secretary of Iran's Supreme National Security Council, rejected the offer.")
    assert found["Supreme National Security Council"] == "IRNGOV"
    assert found["Ali Karimi"] == "IRNGOV"
    assert actors("The U.N. Security Council condemned Iran on Monday.")["U.N. Security Council"] == "IGOUNO"


def test_of_title_before_name_gives_sector(actors):
    """"Secretary of State X": the title written with "of" is a GOV title even when the model tags "State"."""
    assert actors("U.S. Secretary of State Madeleine Albright urged Moscow to help.")["Madeleine Albright"] == "USAGOV"


def test_rulers_are_government(actors):
    """"the new rulers" of a country are its government (a coup's new rulers included)."""
    found = actors("The army seized power in Niger, and Nigeria urged the new rulers of Niger to free politicians.")
    assert found["new rulers"] == "NERGOV"


def test_named_armed_groups_from_data(actors):
    """Names the model splits around a country ("Kosovo | Liberation Army") are matched from actors.tsv."""
    found = actors("Serbian police fought Kosovo Liberation Army fighters near Pec.", "1998-06-01")
    assert found["Kosovo Liberation Army"] == "SRBREB"
    assert actors("The Kosovo Verification Mission said it had found bodies.", "1999-01-16")["Kosovo Verification Mission"] == "IGOSCE"


def test_a_bare_surname_with_several_spellings_is_one_person(actors):
    """"Assad" is listed under several spellings of Bashar al-Assad (and Hafez, out of office):
    the spellings of one person do not make the surname ambiguous."""
    assert actors("Assad told state television that the army would retake Aleppo.", "2015-06-01")["Assad"] == "SYRGOV"
    assert actors("Netanyahu warned Hamas on Sunday.", "2014-07-20")["Netanyahu"] == "ISRGOV"


@pytest.fixture(scope="module")
def pronoun_codes():
    """pronoun_codes(text) -> [(pronoun, code)] for the pronouns resolved in the text."""
    from eventwire.nlp import load_pipeline

    nlp = load_pipeline()

    def run(text: str, published: str = "2019-01-24") -> list[tuple[str, str | None]]:
        doc = nlp.make_doc(text)
        doc._.ew_published = published
        doc = nlp(doc)
        return [(m.text, m.participant_code) for m in doc._.ew_actors if m.kind == "PRON"]

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title one person holds is a person: he/she may stand for it (agents.tsv "person")
        ("The Malawian president landed in Lusaka on Monday. He was greeted by the Zambian foreign minister.",
         [("He", "MWIGOV")]),
        ("The Ghanaian foreign minister flew to Lome on Tuesday. She met Togo's president and urged him to act.",
         [("She", "GHAGOV"), ("him", "TGOGOV")]),
    ],
)
def test_he_and_she_stand_for_a_title_only_person(pronoun_codes, text, expected):
    assert pronoun_codes(text) == expected


def test_it_still_stands_for_a_body_owned_by_a_title(pronoun_codes):
    """"the prosecutor-general's office said it": the office, not a person."""
    found = pronoun_codes("Kenya's prosecutor-general's office said on Monday it had charged two officers.")
    assert found == [("it", "KENJUD")]


@pytest.mark.parametrize(
    ("text", "group", "codes"),
    [
        # "the navies of the two countries" is "the two countries' navies": both sides' forces
        ("Chile and Peru held talks in Lima on Monday. The navies of the two countries will hold drills in May.",
         "navies", ["CHLMIL", "PERMIL"]),
        ("Vietnam and Laos signed a border deal. The armies of both countries will patrol the frontier.",
         "armies", ["LAOMIL", "VNMMIL"]),
        # a country's rebels stay rebels among "the leaders of both sides"
        ("Chadian rebels clashed with the government in N'Djamena. The leaders of both sides met in Doha.",
         "leaders", ["TCDGOV", "TCDREB"]),
    ],
)
def test_counted_group_in_an_of_phrase(members, text, group, codes):
    assert members(text)[group] == codes


def test_both_sides_of_a_civil_war_told_apart_are_government_and_rebels(members):
    """Sides named apart in a civil war whose government the story names are its parties: the
    state's forces stand for the government; the subject of a conjoined verb is not a side."""
    text = ("The Government of National Accord accused Egypt of supplying weapons. GNA forces shelled "
            "positions of the Libyan National Army on Sunday. A UN envoy condemned the shelling and "
            "urged both sides to accept a truce.")
    assert members(text)["sides"] == ["LBYGOV", "LBYREB"]
    # no government named: the forces themselves are the side
    text = ("Ethiopian troops fought rebels near Gondar on Monday. The Kenyan president condemned the "
            "fighting and urged both sides to observe a ceasefire.")
    assert members(text)["sides"] == ["ETHMIL", "ETHREB"]


def test_a_named_government_s_forces_are_its_country_s_military(actors):
    found = actors("The Government of National Accord said on Monday that GNA forces had retaken the town.")
    assert found["forces"] == "LBYMIL"


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        # an ended non-government office gives the bare country; the title says what he is now
        ("Rebel leader Raul Reyes said on Friday the group would fight on.", "Raul Reyes", "COLREB"),
        ("Raul Reyes said on Friday the group would fight on.", "Raul Reyes", "COL"),
        # "Former <demonym> President X": the "former president" row of agents.tsv (ELI)
        ("Former Zambian President Peter Mwale urged the junta to free the detainees.", "Peter Mwale", "ZMBELI"),
        ("The former Malian president urged the junta to free the detainees.", "former Malian president", "MLIELI"),
    ],
)
def test_titles_after_an_office_ended(actors, text, name, code):
    assert actors(text, "2010-05-01")[name] == code

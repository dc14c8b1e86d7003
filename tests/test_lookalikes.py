"""Lookalikes: sentences where a lexicon word is not the value, and the word forms
and senses that are. Written for this table (none comes from a gold file); each
names a construction, not a passage anyone annotated. Model-backed: the senses
read the tagger and the parse of the English pipeline."""

from __future__ import annotations

import pytest

from rhetor.lexicon.loading import load_lexicons
from rhetor.lexicon.matching import CompiledLexicons
from tests.conftest import needs_model

pytestmark = [needs_model, pytest.mark.model]

LOOKALIKES = [
    # taxes and levies
    "The Chancellor froze fuel duty again this spring.",
    "Beer duty and cider duty will fall by a penny a pint.",
    "Stamp duty on first homes is to be abolished.",
    "The duty on imported steel was raised to ten per cent.",
    "Spirits duties bring in several billion pounds a year.",
    "Air passenger duty rises for long-haul flights.",
    # titles and offices
    "The Justice Secretary announced a review of sentencing.",
    "Justice Harrington dissented from the majority opinion.",
    "She worked for the Department of Justice for a decade.",
    "The Office for Budget Scrutiny and Fair Trading Standards will publish its accounts.",
    "He was appointed Minister for Democracy and Constitutional Affairs.",
    # names of bodies, parties, events and places
    "The Democratic Unionist Party won eight seats.",
    "The Social Democratic Party was founded in 1981.",
    "The Muslim Brotherhood was banned in several countries.",
    "Talks were held at the Organisation for Security and Co-operation in Europe.",
    "He bought a house near the Fairfield Road roundabout.",
    "The United Kingdom and the United States signed the accord.",
    "The Equal Justice Foundation filed a brief.",
    # job descriptions and remits
    "The regulator is responsible for setting prices and licensing operators.",
    "A named nurse will be responsible for each patient's care plan.",
    "The Minister with responsibility for the constitution will answer questions.",
    "Responsibility for planning will transfer to the regional bodies.",
    "The new authority will have responsibility for transport and housing.",
    "The council will take over responsibility for bus routes.",
    # coordination between states and agencies
    "Co-operation between the two navies has improved.",
    "We will seek closer co-operation with France on border checks.",
    "The treaty provides for mutual recognition of professional qualifications.",
    "NATO is a partnership of sovereign states.",
    "The contract is a public-private partnership for road maintenance.",
    "Police and social services set up local crime partnerships.",
    "The agencies came together to share intelligence data.",
    "Ireland will honour its international obligations under the treaty.",
    # weather, looks and fairs
    "The weather will be fair and dry tomorrow.",
    "She has fair hair and blue eyes.",
    "The county fair opens on Saturday.",
    "Thousands visited the jobs fair in Leeds.",
    # amounts, degrees and the adverb "just"
    "It took a fair amount of time to load the trucks.",
    "The figures are just over half of last year's.",
    "It was just a week before the election.",
    "Both teams scored an equal number of goals.",
    "The cost is equal to three months of rent.",
    "Sugar and flour are mixed in equal measure.",
    "The species is fairly rare outside Scotland.",
    "The survey suffered from sampling bias and biased estimates.",
    # finance and the law courts
    "The fund invests in private equity and bonds.",
    "Negative equity trapped many homeowners.",
    "The suspects were brought to justice in 2019.",
    "Reforms to the criminal justice system were delayed.",
    # other senses
    "The bus operators were paid in part by results.",
    "The new democracies of eastern Europe joined the alliance.",
    "We will give back to headteachers the power to set budgets.",
    "The fish stocks and their exploitation are regulated by quota.",
    "Homes near the river are liable to flood in winter.",
    "The state's pension liabilities have doubled in a decade.",
    "The project went ahead regardless of the cost.",
    "The state must protect its borders by affirmative action.",
    "Children cannot vote because of their age.",
    "In all fairness, the Home Secretary was not told.",
    "Will the reciprocal healthcare arrangements continue after the transition?",
    "Savers took advantage of the low interest rates.",
    # an election as an event, not the value
    "Since we were elected in 2010 we have cut crime by a fifth.",
    "The newly elected government froze public sector pay.",
    "The governor elected in 1872 served a four-year term.",
    "The Commons elected in 1997 passed the bill within a month.",
    # rubbish and waste land, not waste of public money
    "Nuclear waste will be stored deep underground.",
    "Most household waste is now recycled or composted.",
    "The retreating army laid waste to the farms.",
    # "together" of things, and "help themselves" of nations and the helpless
    "Police forces must work closer together - we expect to merge control rooms.",
    "The committee will pull together the existing initiatives.",
    "Aid will go to poor countries that help themselves.",
    "Some patients cannot help themselves after a stroke.",
    "Visitors should govern themselves accordingly.",
    # joining things, a party that holds together, courtesy between institutions
    "The plan unites the two budgets with the transport fund.",
    "Voters were offered a strong, decisive and united government.",
    "The treaty rests on mutual respect between the two governments.",
    "Such co-operation should stay within the framework of NATO.",
    "I ask for your positive cooperation on the budget bill.",
    "Scottish MPs vote on matters which are devolved.",
    "The new fund will channel equity to growing firms.",
    # remits and burdens of care, not the virtue
    "The courts will be the responsibility of the Scottish Parliament.",
    "Carers with heavy responsibilities need a break.",
    "Head teachers will get more power and responsibility over budgets.",
    # the dealings and courtesies of states in older State of the Union prose
    "The treaty defines the rights and duties of the respective parties.",
    "Norway asked for the reciprocal allowance of its vessels in our ports.",
    "Sentiments of mutual good will have grown between the two nations.",
    "The harmony between the two governments has been unbroken.",
    "The legislation of any one nation cannot stop the traffic.",
    "The task now devolves upon the Secretary of State.",
    "The Treasury must redeem these obligations in gold.",
    "Gifts to charity under a deed of covenant are free of tax.",
    "The President named two more justices of the Supreme Court.",
    "She had no simple answers for the reporters.",
]

VALUES_FOUND = [
    # word forms, whatever the tagger guesses
    ("We want a fairer country.", "fairness"),
    ("Fairer taxes for working families.", "fairness"),
    ("This is the fairest settlement yet.", "fairness"),
    ("Workers must be fairly paid.", "fairness"),
    ("Wealth should be more fairly distributed.", "fairness"),
    ("Fair Pay For Every Worker", "fairness"),
    ("Making opportunity more equal is our aim.", "fairness"),
    ("Every citizen deserves equal access to justice.", "fairness"),
    ("Councils must act more responsibly with public money.", "responsibility"),
    ("A democratically elected assembly will sit in Cardiff.", "democracy"),
    ("They abolished the elected councils of the big cities.", "democracy"),
    ("The Lords will be replaced by an elected second chamber.", "democracy"),
    # coverage of real political language
    ("There will be a referendum on the treaty.", "democracy"),
    ("Parents will have a greater say in how schools are run.", "democracy"),
    ("Power should be devolved to local people.", "democracy"),
    ("Our communities must pull together.", "solidarity"),
    ("We will build a more united society.", "solidarity"),
    ("Their wasteful spending must end.", "responsibility"),
    ("Labour's excessive borrowing left a deficit.", "responsibility"),
    ("In return, claimants will be expected to look for work.", "reciprocity"),
    ("We will support the mutualisation of public services.", "mutuality"),
    ("Victims were denied access to justice.", "fairness"),
    ("Employers will have a duty to consult their staff.", "responsibility"),
    ("The regulator will be accountable to Parliament.", "responsibility"),
    # everyday argument: equal treatment, desert, fair procedure, answering for oneself
    ("Dads should be treated the same as mums.", "fairness"),
    ("Everyone deserves a second chance.", "fairness"),
    ("Care must be free regardless of ability to pay.", "fairness"),
    ("Nobody should be wrongly convicted.", "fairness"),
    ("We will close the gender pay gap.", "fairness"),
    ("Payday lenders take advantage of the poor.", "fairness"),
    ("Parents are responsible for their children.", "responsibility"),
    ("People must face the consequences of their own choices.", "responsibility"),
    ("Who is liable when a driverless car crashes?", "responsibility"),
    # discrimination named by its ground or its practice
    ("Nobody should be held back at work because of their gender.", "fairness"),
    ("He was stopped just because of the colour of their skin.", "fairness"),
    ("The force has promised to end racial profiling.", "fairness"),
    ("Donors should get no preferential treatment.", "fairness"),
    ("Tenants are treated as second-class citizens.", "fairness"),
    ("She has long supported affirmative action in hiring.", "fairness"),
    # value language of the manifestos: waste of public money, posts the people fill,
    # acting as one people, rights bound to duties, self-help, the tax burden
    ("We will root out waste in government.", "responsibility"),
    ("Money wasted on consultants should go to nurses.", "responsibility"),
    ("Elected police commissioners will set local priorities.", "democracy"),
    ("We trust the people to govern themselves.", "democracy"),
    ("Millions of young people are not registered to vote.", "democracy"),
    ("Together we can build a better country.", "solidarity"),
    ("Let us join together to save the health service.", "solidarity"),
    ("The traditions that bind us together must be cherished.", "solidarity"),
    ("Rights must be matched by responsibilities.", "reciprocity"),
    ("We will help families to help themselves.", "mutuality"),
    ("Employee share schemes give staff a stake in the firm.", "mutuality"),
    ("Those with the broadest shoulders should carry more.", "fairness"),
    ("Their budget was a tax cut for the richest.", "fairness"),
    ("Every region should share in the benefits of growth.", "fairness"),
    ("We must unite the country behind this vision.", "solidarity"),
    ("Every community needs a spirit of co-operation.", "mutuality"),
    ("We want mutual respect between the two communities.", "solidarity"),
    ("Nobody has answered for the lost millions.", "responsibility"),
    ("We will strengthen parliamentary scrutiny of the security services.", "responsibility"),
    ("Draft bills will be open to public scrutiny.", "responsibility"),
    ("Their policies impoverished and divided our country.", "solidarity"),
    ("We will widen the franchise to sixteen-year-olds.", "democracy"),
    ("Equity and efficiency must guide the reform.", "fairness"),
    ("Our aim is opportunity for all children.", "fairness"),
    ("Barriers to social mobility will be torn down.", "fairness"),
    ("The railways should serve the many, not just the few.", "fairness"),
    ("We will give people more power over their local services.", "democracy"),
]


@pytest.fixture(scope="module")
def matcher() -> CompiledLexicons:
    return CompiledLexicons(load_lexicons())


def values_in(en_nlp, matcher, text: str) -> list[tuple[str, str]]:
    doc = en_nlp(text)
    return [
        (doc[c.start : c.end].text, c.entry.value)
        for c in matcher.find(doc, has_pos=doc.has_annotation("POS"))
    ]


def test_lookalikes_table_is_large_enough():
    assert len(LOOKALIKES) >= 40 and len(set(LOOKALIKES)) == len(LOOKALIKES)


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalikes_are_no_value(en_nlp, matcher, text):
    assert values_in(en_nlp, matcher, text) == []


@pytest.mark.parametrize(("text", "value"), VALUES_FOUND)
def test_lookalikes_the_value_itself_is_found(en_nlp, matcher, text, value):
    assert value in {v for _, v in values_in(en_nlp, matcher, text)}

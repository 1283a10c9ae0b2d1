"""The demo newsroom's words: sections, authors, tags and stories, all invented.

Every person, official, company and event here is fictional; the stories are written in a
neutral agency style so that the site looks and reads like the real thing. ``load_demo``
turns this module into rows; it is data only. The Dari and Pashto stories, and every name in
those languages, are in ``articles.demo_translations``; ``STORIES`` ends with its stories.
"""

from articles import demo_translations

SECTIONS = [
    ("National", "national", "News from the provinces, the capital and the institutions."),
    ("World", "world", "The region and the world, as they touch Afghanistan."),
    ("Business", "business", "Markets, trade, farming and the money in people’s pockets."),
    ("Sport", "sport", "Cricket, football, wrestling, buzkashi and the athletes behind them."),
    ("Opinion", "opinion", "Columns and analysis; the views are the writers’ own."),
]

# slug -> (name, bio, portrait colours)
AUTHORS = {
    "farida-noorzai": (
        "Farida Noorzai",
        "Farida Noorzai covers national affairs from Kabul. She joined the agency as a trainee "
        "and has reported from twenty provinces, with a particular interest in schools and "
        "public health.",
        ("#2f5d62", "#a7c4bc"),
    ),
    "wahid-karimi": (
        "Wahid Karimi",
        "Wahid Karimi is the agency’s news editor. Before moving to the desk he spent eight "
        "years as a correspondent in Herat and Kandahar.",
        ("#5e3c58", "#d8b4a0"),
    ),
    "sahar-rahimi": (
        "Sahar Rahimi",
        "Sahar Rahimi writes about business, trade and farming. She studied economics in "
        "Kabul and likes nothing better than a good set of customs figures.",
        ("#7a4b1f", "#f0c987"),
    ),
    "zaki-haidari": (
        "Zaki Haidari",
        "Zaki Haidari is the sports correspondent. He has followed the national cricket side "
        "on three continents and still plays on Fridays.",
        ("#1f4e79", "#9ec5e8"),
    ),
    "mariam-sadat": (
        "Mariam Sadat",
        "Mariam Sadat edits the World section and writes on regional diplomacy, migration "
        "and the economies of Central Asia.",
        ("#3d5a40", "#c7d59f"),
    ),
    "nasir-ahmadzai": (
        "Nasir Ahmadzai",
        "Nasir Ahmadzai runs the agency’s bureau in Herat, reporting on the west of the "
        "country, its border trade and its water.",
        ("#6b2737", "#e6a4b4"),
    ),
    "laila-hashimi": (
        "Laila Hashimi",
        "Laila Hashimi is a columnist and a former teacher. She writes about education, "
        "cities and the small things that make public life work.",
        ("#4a4e69", "#c9ada7"),
    ),
    "ledger-desk": (
        "Ledger Desk",
        "Reports compiled by the agency’s duty editors from its correspondents and partners.",
        ("#333d29", "#b6ad90"),
    ),
}

TAGS = [
    "Agriculture",
    "Aid",
    "Aviation",
    "Banking",
    "Border trade",
    "Central Asia",
    "Climate",
    "Competitions",
    "Construction",
    "Cricket",
    "Culture",
    "Currency",
    "Dried fruit",
    "Drought",
    "Earthquakes",
    "Education",
    "Electricity",
    "Exports",
    "Floods",
    "Football",
    "Health",
    "Heritage",
    "Jobs",
    "Markets",
    "Media",
    "Migration",
    "Mining",
    "Prices",
    "Railways",
    "Returnees",
    "Roads",
    "Saffron",
    "Technology",
    "Telecoms",
    "Universities",
    "Water",
    "Weather",
    "Women in sport",
    "Wrestling",
    "Youth",
]

# Where each story stands. "hours_ago" places a published story in the past (or a scheduled
# one in the future when negative); drafts and stories in review have no publication time.
PUBLISHED, DRAFT, IN_REVIEW, SCHEDULED = "published", "draft", "in_review", "scheduled"

STORIES = [
    {
        "headline": "Kabul schools open extra afternoon shift as enrolment rises",
        "standfirst": "Forty schools in the capital will teach in three shifts from next "
        "month to make room for nearly 12,000 more pupils.",
        "dateline": "KABUL",
        "section": "national",
        "authors": ["farida-noorzai"],
        "tags": ["Education", "Youth"],
        "hours_ago": 5,
        "caption": "Three shifts a day are planned for the busiest schools.",
        "paragraphs": [
            "Forty state schools in Kabul will add an afternoon shift from the start of next "
            "month, the city’s education department said on Sunday, after enrolment in the "
            "capital rose for the third year running.",
            "The department said the change would make room for nearly 12,000 additional "
            "pupils, most of them in the fast-growing districts on the western edge of the "
            "city.",
            "“We would rather teach children in three shifts than turn them away,” said "
            "Hamid Sultani, a spokesman for the department. “Every classroom we have will be "
            "in use from seven in the morning until late afternoon.”",
            "Head teachers said the longer day would need more staff. One, who runs a school "
            "of 3,000 pupils in Dasht-e-Barchi, said she had asked for six new teachers and "
            "had been promised four.",
            "The department said it would publish the list of schools affected on its notice "
            "boards this week and that parents need not re-register children already "
            "enrolled.",
        ],
    },
    {
        "headline": "New water network reaches 9,000 homes in Mazar-i-Sharif",
        "standfirst": "The second phase of the city’s piped water project connects three "
        "northern districts that relied on tankers.",
        "dateline": "MAZAR-I-SHARIF",
        "section": "national",
        "authors": ["ledger-desk"],
        "tags": ["Water", "Construction"],
        "hours_ago": 29,
        "caption": "Households in three districts now have piped water.",
        "paragraphs": [
            "About 9,000 homes in Mazar-i-Sharif were connected to piped drinking water this "
            "week as the second phase of the city’s water network was completed, the "
            "municipal water company said.",
            "Residents of the three northern districts had until now bought water from "
            "private tankers at up to five times the metered price, according to the "
            "company.",
            "“My family spent almost a fifth of what we earn on water in the summer,” said "
            "Abdul Qadir, a shopkeeper whose house was connected on Tuesday. “Now we pay a "
            "bill once a month.”",
            "Engineers laid 46 kilometres of pipe and built two storage reservoirs on the "
            "hills south of the city. The company said a third phase, covering the eastern "
            "districts, was being designed.",
        ],
    },
    {
        "headline": "Herat hospital opens the west’s first children’s heart unit",
        "standfirst": "Surgeons trained abroad will operate on up to 300 children a year who "
        "previously had to travel for treatment.",
        "dateline": "HERAT",
        "section": "national",
        "authors": ["nasir-ahmadzai"],
        "tags": ["Health", "Youth"],
        "hours_ago": 52,
        "caption": "The new unit has twelve beds and one operating theatre.",
        "paragraphs": [
            "The regional hospital in Herat opened a children’s heart unit on Monday, the "
            "first in the west of the country, with twelve beds, an operating theatre and a "
            "team of surgeons and nurses trained over the past two years.",
            "Until now, families of children born with heart defects had to travel to Kabul "
            "or abroad for surgery, a journey many could not afford.",
            "“Some of these operations take four hours and change a child’s whole life,” said "
            "Dr Shukria Amiri, who leads the unit. “The difference now is that the parents "
            "can sleep at home.”",
            "The hospital said it expected to operate on up to 300 children a year once the "
            "unit was working at full capacity and that a waiting list of 140 patients had "
            "already been drawn up.",
            "Treatment will be free for children from families registered as low-income, the "
            "provincial health department said.",
        ],
    },
    {
        "headline": "Snow closes Salang pass for second day as crews clear avalanche",
        "standfirst": "Traffic between Kabul and the north is diverted while road teams work "
        "through a 200-metre wall of snow.",
        "dateline": "KABUL",
        "section": "national",
        "authors": ["farida-noorzai", "ledger-desk"],
        "tags": ["Roads", "Weather"],
        "hours_ago": 75,
        "caption": "Road crews worked through the night on the northern approach.",
        "paragraphs": [
            "The Salang pass, the main road between Kabul and the north, stayed closed for a "
            "second day on Thursday as road crews cleared snow left by an avalanche near the "
            "southern entrance of the tunnel.",
            "The public works ministry said about 200 metres of the road were buried and that "
            "no vehicles had been caught in the slide.",
            "“We have eleven machines on the pass and the teams are working in shifts,” said "
            "a ministry engineer, Ghulam Sakhi. “If the weather holds, we expect to open one "
            "lane tomorrow afternoon.”",
            "Hundreds of lorries waited in Jabal Saraj and Pul-i-Khumri. Drivers said they "
            "had enough food and fuel but that the cold at night was hard.",
            "The ministry asked travellers not to set out for the pass until it announced the "
            "road was open.",
        ],
    },
    {
        "headline": "University entrance exam results to be published online for the first time",
        "standfirst": "Candidates will see their scores on a results site and by text message "
        "instead of waiting for lists at provincial offices.",
        "dateline": "KABUL",
        "section": "national",
        "authors": ["farida-noorzai"],
        "tags": ["Universities", "Technology", "Education"],
        "status": DRAFT,
        "caption": "Results have until now been posted on paper lists.",
        "paragraphs": [
            "Results of this year’s national university entrance examination will be "
            "published online and sent by text message, the examinations authority said, "
            "ending the tradition of paper lists pinned up at provincial offices.",
            "More than 150,000 candidates sat the examination in the autumn. Each will "
            "receive a code to look up their score and the faculty they have been placed in.",
            "“Students in remote districts used to travel for a day just to read a list,” "
            "said an official at the authority. “Now they will know within minutes.”",
            "The authority said paper lists would still be posted for a transition year.",
        ],
    },
    {
        "headline": "Bamiyan heritage team restores murals in cliffside caves",
        "standfirst": "Conservators have cleaned and stabilised painted ceilings in five caves "
        "near the city’s historic niches.",
        "dateline": "BAMIYAN",
        "section": "national",
        "authors": ["ledger-desk"],
        "tags": ["Heritage", "Culture"],
        "hours_ago": 240,
        "caption": "Five caves have been restored in the first season.",
        "paragraphs": [
            "A team of conservators in Bamiyan has finished restoring painted ceilings in five "
            "caves cut into the cliff above the city, the provincial culture department said.",
            "The murals, made with mineral pigments, had been damaged by smoke, water and "
            "decades without maintenance. The team removed soot, fixed flaking paint and "
            "installed drains above the cave entrances.",
            "“The colours you see now are the colours the painters chose,” said Zarghuna "
            "Mohseni, one of the conservators. “We add nothing; we only stop them from "
            "disappearing.”",
            "The department said the caves would open to visitors with a guide in spring, in "
            "small groups to keep humidity down.",
        ],
    },
    {
        "headline": "Regional ministers agree to study a rail link through the western corridor",
        "standfirst": "A feasibility study is to be finished within eighteen months, with "
        "freight the first priority.",
        "dateline": "HERAT",
        "section": "world",
        "authors": ["mariam-sadat", "nasir-ahmadzai"],
        "tags": ["Railways", "Central Asia", "Border trade"],
        "hours_ago": 9,
        "caption": "The proposed line would carry freight first.",
        "paragraphs": [
            "Transport ministers from four countries agreed in Herat on Wednesday to "
            "commission a joint feasibility study for a railway linking the western border "
            "with Central Asian networks, according to a statement issued after the meeting.",
            "The study will examine the route, the gauge and the cost of the line and is to "
            "be completed within eighteen months. Freight, rather than passengers, would be "
            "the first priority.",
            "“A railway is a fifty-year decision and we want the numbers to be right,” one of "
            "the delegation heads told reporters. “Nobody signed anything today except an "
            "agreement to find out.”",
            "Traders in Herat welcomed the meeting. The head of the city’s chamber of "
            "commerce said rail would cut the cost of moving dried fruit and carpets north by "
            "as much as a third.",
            "The ministers will meet again when the first part of the study is delivered.",
        ],
    },
    {
        "headline": "Returnees from neighbouring countries pass 10,000 in a week",
        "standfirst": "Aid groups at the border crossings say most arrivals are families with "
        "young children.",
        "dateline": "KABUL",
        "section": "world",
        "authors": ["mariam-sadat"],
        "tags": ["Returnees", "Migration", "Aid"],
        "hours_ago": 34,
        "caption": "Reception centres at the crossings are running extra shifts.",
        "paragraphs": [
            "More than 10,000 people returned from neighbouring countries in the past week, "
            "according to figures compiled by aid organisations working at the main border "
            "crossings.",
            "Most of those arriving were families with young children, the organisations "
            "said, and many had lived abroad for more than a decade.",
            "“People arrive with a few bags and a lot of questions: where to stay, how to "
            "enrol children in school, how to find work,” said a coordinator at a reception "
            "centre near the southern crossing.",
            "Returnees receive a cash grant, a hot meal and transport to their home province. "
            "Aid groups said they had enough supplies for the coming month but appealed for "
            "more funding for the winter.",
        ],
    },
    {
        "headline": "Central Asian power line project moves to construction phase",
        "standfirst": "The first towers of a 500-kilovolt line are to go up next spring, the "
        "electricity company says.",
        "dateline": "MAZAR-I-SHARIF",
        "section": "world",
        "authors": ["mariam-sadat"],
        "tags": ["Electricity", "Central Asia"],
        "hours_ago": 98,
        "caption": "The line would bring imported power south from the border.",
        "paragraphs": [
            "The national electricity company said on Saturday that a long-planned "
            "high-voltage line from Central Asia would move into construction next spring, "
            "after the last land surveys along its route were completed.",
            "The 500-kilovolt line is intended to bring imported electricity from the "
            "northern border to the capital and to reduce winter power cuts.",
            "“Winter is when demand is highest and supply lowest; this line is aimed squarely "
            "at that gap,” the company’s planning director, Sayed Omar Fazli, said.",
            "The company did not give a completion date. Engineers said a project of this size "
            "usually took three to four years to build.",
        ],
    },
    {
        "headline": "Neighbouring states hold talks on sharing river data",
        "standfirst": "Officials discuss installing joint gauging stations to warn of floods "
        "and plan irrigation.",
        "dateline": "KABUL",
        "section": "world",
        "authors": ["mariam-sadat", "ledger-desk"],
        "tags": ["Water", "Floods", "Climate"],
        "status": IN_REVIEW,
        "caption": "Joint gauging stations are one of the proposals.",
        "paragraphs": [
            "Water officials from the countries along a shared river basin met in Kabul this "
            "week to discuss exchanging river-flow data in real time, according to people "
            "who attended.",
            "Among the proposals is a network of jointly run gauging stations that would "
            "measure water levels upstream and warn communities downstream of floods.",
            "“Water does not stop at a line on a map, and neither should information about "
            "it,” said one participant, a hydrologist who asked not to be named because the "
            "talks were closed.",
            "No agreement was signed. Officials said technical teams would meet again within "
            "three months.",
        ],
    },
    {
        "headline": "Airline adds weekly flights to the Gulf as demand grows",
        "standfirst": "Two extra services a week will run from Kabul and one from Kandahar "
        "from the start of next month.",
        "dateline": "KABUL",
        "section": "world",
        "authors": ["ledger-desk"],
        "tags": ["Aviation", "Migration"],
        "hours_ago": 170,
        "caption": "Extra services start at the beginning of next month.",
        "paragraphs": [
            "A national carrier will add three weekly flights to the Gulf from the start of "
            "next month, two from Kabul and one from Kandahar, the airline said on Tuesday.",
            "The airline said bookings on the route had grown by about a quarter over the "
            "past year, driven by workers travelling to and from jobs abroad and by families "
            "visiting relatives.",
            "“Our planes are full on almost every departure,” said a spokeswoman, Nargis "
            "Wardak. “Adding frequency is the fastest way to bring fares down.”",
            "Tickets for the new services are on sale at the airline’s offices and through "
            "travel agents.",
        ],
    },
    {
        "headline": "Earthquake of magnitude 5.1 shakes the north-east; no casualties reported",
        "standfirst": "Residents in Badakhshan felt the tremor shortly before dawn; officials "
        "are checking villages in remote valleys.",
        "dateline": "FAIZABAD",
        "section": "world",
        "authors": ["ledger-desk"],
        "tags": ["Earthquakes", "Aid"],
        "hours_ago": 300,
        "caption": "Assessment teams were sent to the most remote valleys.",
        "paragraphs": [
            "An earthquake of magnitude 5.1 struck the north-east before dawn on Friday, "
            "shaking homes across Badakhshan, the national disaster authority said.",
            "The authority said it had received no reports of casualties but had sent teams "
            "to check villages in remote valleys where telephone coverage is poor.",
            "“The ground moved for perhaps ten seconds. Everyone ran outside,” said Mohammad "
            "Rafi, a teacher in Faizabad, reached by telephone.",
            "The region lies on an active fault system and earthquakes of this size are felt "
            "several times a year, seismologists said.",
        ],
    },
    {
        "headline": "Saffron exports rise as Herat growers find new buyers",
        "standfirst": "Farmers say prices are holding up despite a larger harvest, helped by "
        "new contracts with European packers.",
        "dateline": "HERAT",
        "section": "business",
        "authors": ["sahar-rahimi", "nasir-ahmadzai"],
        "tags": ["Saffron", "Exports", "Agriculture"],
        "hours_ago": 3,
        "caption": "The saffron harvest is picked by hand in late autumn.",
        "paragraphs": [
            "Saffron exports from Herat rose by about 18 per cent this season, growers’ "
            "associations said, as farmers signed new contracts with packers in Europe and "
            "the Gulf.",
            "The crop is picked by hand at dawn over a few weeks in late autumn, and most of "
            "the work is done by women, who also separate the red stigmas from the flowers.",
            "“The buyers now come to us before the harvest,” said Sima Habibi, who manages a "
            "cooperative of 400 growers near Ghoryan. “That means we can plan, and plan is "
            "what farmers never used to be able to do.”",
            "Traders said prices had held steady despite a larger harvest. Laboratory testing "
            "introduced two years ago had helped the spice win the trust of foreign buyers, "
            "they said.",
            "The associations plan a grading scheme next year so that the best saffron can be "
            "sold at a premium.",
        ],
    },
    {
        "headline": "Afghani steady against the dollar for a third month",
        "standfirst": "Money changers in Kabul report calm trading; the central bank says "
        "reserves are adequate.",
        "dateline": "KABUL",
        "section": "business",
        "authors": ["sahar-rahimi"],
        "tags": ["Currency", "Banking", "Markets"],
        "hours_ago": 27,
        "caption": "Trading at the capital’s money market was calm.",
        "paragraphs": [
            "The afghani traded within a narrow range against the US dollar for a third "
            "consecutive month, money changers at Kabul’s main currency market said on "
            "Monday.",
            "The central bank said in a statement that its regular currency auctions would "
            "continue and that its reserves were adequate.",
            "“Customers come to change money for school fees or a wedding, not to "
            "speculate,” said one dealer, who has worked in the market for twenty years. "
            "“It’s a quiet market, and quiet is good.”",
            "Economists cautioned that the currency remained sensitive to aid flows and to "
            "the balance of trade, which is heavily in deficit.",
        ],
    },
    {
        "headline": "Dried fruit traders prepare for the winter export season",
        "standfirst": "Raisin and apricot processors in Kabul expect demand to peak before "
        "the new year.",
        "dateline": "KABUL",
        "section": "business",
        "authors": ["sahar-rahimi"],
        "tags": ["Dried fruit", "Exports", "Jobs"],
        "hours_ago": 80,
        "caption": "Sorting lines at a Kabul processing plant.",
        "paragraphs": [
            "Processors of dried fruit in Kabul are hiring seasonal workers ahead of the "
            "winter export season, when demand for raisins, apricots and almonds peaks in "
            "neighbouring countries and the Gulf.",
            "One processor on the city’s eastern edge said it had taken on 120 extra workers, "
            "most of them women, to sort and pack fruit by hand.",
            "“Buyers want clean, sorted, properly labelled fruit, and that takes people,” said "
            "the plant’s manager, Bashir Ahmad Noori. “Machines help, but the eye decides.”",
            "Traders said the main obstacle remained the cost and time of transport by road, "
            "and several said they were looking at air freight for higher-value goods.",
            "The chamber of commerce expects dried fruit exports to be similar to last year’s "
            "in volume.",
        ],
    },
    {
        "headline": "Mobile payments double in a year as shops adopt QR codes",
        "standfirst": "Telecom operators report more than a million monthly users of their "
        "mobile wallets.",
        "dateline": "KABUL",
        "section": "business",
        "authors": ["sahar-rahimi", "ledger-desk"],
        "tags": ["Telecoms", "Technology", "Banking"],
        "hours_ago": 150,
        "caption": "Small shops are among the fastest adopters.",
        "paragraphs": [
            "The value of payments made through mobile wallets roughly doubled over the past "
            "year, according to figures published by the country’s largest telecom operators.",
            "More than a million people now use a mobile wallet at least once a month, the "
            "operators said, and thousands of small shops display a QR code at the till.",
            "“Customers pay with the phone, and I don’t have to keep so much cash in the "
            "shop,” said Rahmatullah, who runs a grocery in the Karte Char district.",
            "The central bank said it was preparing rules on how mobile wallets could link to "
            "bank accounts, a step operators say would widen their use.",
        ],
    },
    {
        "headline": "Copper mine operator names new contractor for access road",
        "standfirst": "The 38-kilometre road is the first step before any extraction begins, "
        "the company says.",
        "dateline": "KABUL",
        "section": "business",
        "authors": ["ledger-desk"],
        "tags": ["Mining", "Roads", "Construction"],
        "status": SCHEDULED,
        "hours_ago": -20,
        "caption": "The access road will run 38 kilometres.",
        "paragraphs": [
            "The company holding the licence for a copper deposit south-east of Kabul has "
            "named a contractor to build a 38-kilometre access road to the site, it said in a "
            "statement.",
            "The road is the first step before any extraction can begin. The company said it "
            "expected construction to take about fourteen months.",
            "“Everything at a mine starts with the road,” said a company engineer. “Without "
            "it, nothing heavy can get in.”",
            "Residents of nearby villages have asked that the road also connect their "
            "settlements, and the company said it was discussing a spur with the provincial "
            "authorities.",
        ],
    },
    {
        "headline": "Fuel prices ease at the pump for the first time this winter",
        "standfirst": "Diesel fell by about four per cent in a week in Kabul and Mazar-i-Sharif, "
        "according to traders.",
        "dateline": "MAZAR-I-SHARIF",
        "section": "business",
        "authors": ["sahar-rahimi"],
        "tags": ["Prices", "Markets"],
        "hours_ago": 410,
        "caption": "Diesel prices fell in both cities.",
        "paragraphs": [
            "Diesel prices at filling stations in Kabul and Mazar-i-Sharif fell by about four "
            "per cent over the past week, the first decrease this winter, fuel traders said.",
            "Traders said larger imports through the northern border had eased supply after "
            "delays in the autumn.",
            "“Transport companies notice every afghani on diesel,” said a trader at the "
            "Hairatan fuel depot. “When diesel falls, bread and vegetables follow a little "
            "later.”",
            "Heating fuel prices were unchanged, traders said, as demand for it usually peaks "
            "in January.",
        ],
    },
    {
        "headline": "National side win the opening match of the tri-series by six wickets",
        "standfirst": "A century stand between the openers took the team past the target with "
        "nine balls to spare.",
        "dateline": "KABUL",
        "section": "sport",
        "authors": ["zaki-haidari"],
        "tags": ["Cricket", "Competitions"],
        "hours_ago": 7,
        "caption": "The openers put on 112 for the first wicket.",
        "paragraphs": [
            "The national cricket team won the opening match of a three-nation one-day "
            "series by six wickets on Friday, chasing 247 with nine balls to spare.",
            "The openers put on 112 for the first wicket before both fell within three "
            "overs. The middle order then steadied the chase without further alarm.",
            "“We talked about batting the full fifty overs, and that’s what we did,” the "
            "captain said afterwards. “The bowlers set it up by taking wickets in the "
            "middle overs.”",
            "Spinners took five wickets between them on a pitch that turned more as the "
            "afternoon went on.",
            "The team plays its second match on Sunday.",
        ],
    },
    {
        "headline": "Herat football club reaches the national cup final",
        "standfirst": "A late header settles a tight semi-final in front of a full stadium.",
        "dateline": "HERAT",
        "section": "sport",
        "authors": ["zaki-haidari", "nasir-ahmadzai"],
        "tags": ["Football", "Competitions"],
        "hours_ago": 55,
        "caption": "The stadium was full for the semi-final.",
        "paragraphs": [
            "A Herat club reached the final of the national football cup on Thursday, "
            "beating a Kandahar side 2-1 with a header six minutes from time.",
            "The visitors had equalised early in the second half and looked the stronger side "
            "until the home team’s captain met a corner at the near post.",
            "“I have waited eleven years for this final,” the captain said. “I told the boys "
            "at half-time: one chance is enough if we take it.”",
            "The final will be played in Kabul in two weeks against the winner of the second "
            "semi-final.",
        ],
    },
    {
        "headline": "Young wrestlers take four medals at the regional championships",
        "standfirst": "Two golds and two bronzes for the under-20 team in freestyle.",
        "dateline": "KABUL",
        "section": "sport",
        "authors": ["zaki-haidari"],
        "tags": ["Wrestling", "Youth", "Competitions"],
        "hours_ago": 120,
        "caption": "The team returned with two gold medals.",
        "paragraphs": [
            "The under-20 freestyle wrestling team returned from the regional championships "
            "with two gold and two bronze medals, the wrestling federation said on Wednesday.",
            "Both gold medals came in the lighter weight classes, where the team has invested "
            "most in coaching over the past three years.",
            "“They trained in a hall with no heating last winter,” said the head coach, "
            "Abdul Wali Samim. “These medals belong to everyone who got up at five to open "
            "the doors.”",
            "The federation said it would ask for a permanent training centre in Kabul.",
        ],
    },
    {
        "headline": "Buzkashi season opens in Mazar-i-Sharif with record crowds",
        "standfirst": "Thousands gathered on the plain outside the city for the first Friday "
        "matches of the winter.",
        "dateline": "MAZAR-I-SHARIF",
        "section": "sport",
        "authors": ["ledger-desk"],
        "tags": ["Culture", "Heritage"],
        "hours_ago": 200,
        "caption": "Spectators lined the field from early morning.",
        "paragraphs": [
            "The buzkashi season opened on the plain outside Mazar-i-Sharif on Friday, with "
            "organisers estimating the crowd at more than 15,000, the largest in years.",
            "More than a hundred riders took part. The game, in which horsemen compete to "
            "carry a calf’s carcass across a goal line, is played every Friday in the north "
            "through the winter.",
            "“A good horse is half the game, and a good horse takes five years to train,” "
            "said Haji Nazar, who owns a stable of twelve. “The riders get the applause.”",
            "Organisers said they would publish a full season calendar this week.",
        ],
    },
    {
        "headline": "Women’s cricket development camp opens in Kabul",
        "standfirst": "Sixty girls aged twelve to sixteen attend a two-week coaching camp run "
        "by the cricket board’s development staff.",
        "dateline": "KABUL",
        "section": "sport",
        "authors": ["zaki-haidari"],
        "tags": ["Cricket", "Women in sport", "Youth"],
        "status": DRAFT,
        "caption": "The camp runs for two weeks.",
        "paragraphs": [
            "Sixty girls aged twelve to sixteen began a two-week cricket coaching camp in "
            "Kabul on Saturday, run by the cricket board’s development staff.",
            "Coaches said the camp would cover batting, bowling and fielding, as well as "
            "fitness and nutrition.",
            "“Most of them learnt to play in the street with their brothers,” said one coach. "
            "“Here they get a proper net, a proper ball and someone to tell them they are "
            "good.”",
            "The board said it hoped to hold similar camps in three provinces next year.",
        ],
    },
    {
        "headline": "Marathon route through the capital announced for spring race",
        "standfirst": "Runners will start at the stadium and pass the old city and the river.",
        "dateline": "KABUL",
        "section": "sport",
        "authors": ["zaki-haidari", "ledger-desk"],
        "tags": ["Youth", "Roads"],
        "hours_ago": 500,
        "caption": "The course passes the old city and the river.",
        "paragraphs": [
            "Organisers of the capital’s spring marathon announced the route on Sunday: a "
            "single loop starting and finishing at the national stadium and passing the old "
            "city and the riverbank.",
            "About 1,500 runners are expected across the full marathon, a 10-kilometre race "
            "and a children’s run.",
            "“We chose a flat course so that first-timers can finish,” said the race "
            "director, Omid Jalali. “The old city is the reward in the middle.”",
            "Registration opens next month. Roads along the route will be closed on the "
            "morning of the race.",
        ],
    },
    {
        "headline": "A city is measured by its pavements",
        "standfirst": "Before we argue about flyovers, let us make it possible to walk to the "
        "shop without stepping into the road.",
        "dateline": "KABUL",
        "section": "opinion",
        "authors": ["laila-hashimi"],
        "tags": ["Roads", "Construction"],
        "hours_ago": 22,
        "caption": "Most journeys in the city begin and end on foot.",
        "paragraphs": [
            "Every morning, most people in this city make their first journey on foot: to "
            "the bus stop, to school, to the bakery. And every morning, many of them walk in "
            "the road, because the pavement is broken, blocked or simply not there.",
            "We talk a great deal about new flyovers and ring roads. They are impressive and "
            "they photograph well. But a pavement is what makes a street usable by a child, "
            "an old man or a mother with a pram.",
            "It is not expensive. A kilometre of good pavement costs a small fraction of a "
            "kilometre of flyover, and it is built with local labour and local stone.",
            "I would ask the municipality for one simple thing: publish a map of every "
            "pavement in the city, mark the broken ones, and fix ten a month. We will notice.",
        ],
    },
    {
        "headline": "What the saffron growers can teach the rest of the economy",
        "standfirst": "Testing, grading and trust turned a crop into a brand; the lesson travels.",
        "dateline": "HERAT",
        "section": "opinion",
        "authors": ["sahar-rahimi"],
        "tags": ["Saffron", "Exports", "Agriculture"],
        "hours_ago": 90,
        "caption": "Quality testing changed the crop’s reputation.",
        "paragraphs": [
            "Ten years ago, a foreign buyer of Afghan saffron had to take it on faith. Today "
            "each batch can come with a laboratory certificate, and buyers pay for that "
            "certainty.",
            "Nothing about the flower changed. What changed was that growers agreed on "
            "standards, tested against them and told buyers the truth about what they were "
            "selling.",
            "Our carpets, our dried fruit, our marble could travel the same road. Each has a "
            "reputation abroad that is older than any of us; few have a system that proves it "
            "batch by batch.",
            "Standards are not glamorous. They are meetings, forms and laboratories. But they "
            "are how a good product becomes a trusted one.",
        ],
    },
    {
        "headline": "Teachers need a timetable, not only a salary",
        "standfirst": "Three-shift schools will work only if the people who run them are "
        "asked how.",
        "dateline": "KABUL",
        "section": "opinion",
        "authors": ["laila-hashimi"],
        "tags": ["Education", "Jobs"],
        "hours_ago": 30,
        "caption": "Many schools in the capital already teach in two shifts.",
        "paragraphs": [
            "The decision to run some Kabul schools in three shifts is the right one: a "
            "crowded classroom is better than no classroom. But I taught in a two-shift "
            "school for nine years, and I know what a long day does to a teacher.",
            "The afternoon shift gets the tired teacher, the dusty classroom and the "
            "textbooks the morning pupils have just used. Unless someone plans for that, it "
            "becomes the second-class shift.",
            "Ask the head teachers. They know which rooms are cold after three o’clock, "
            "which teachers live far away and which subjects cannot be taught well at dusk.",
            "A timetable is a small document. Written well, it is worth as much as a new building.",
        ],
    },
    {
        "headline": "Rain, not rhetoric, will decide this year’s harvest",
        "standfirst": "The forecasts are poor; the time to prepare farmers for a dry spring "
        "is now, not in June.",
        "dateline": "MAZAR-I-SHARIF",
        "section": "opinion",
        "authors": ["wahid-karimi"],
        "tags": ["Drought", "Agriculture", "Climate"],
        "hours_ago": 130,
        "caption": "Rain-fed wheat depends on spring rainfall.",
        "paragraphs": [
            "The seasonal forecasts point to a drier than average spring in the north. For "
            "farmers who grow rain-fed wheat, that is the difference between a harvest and a "
            "debt.",
            "We have lived through enough dry years to know what helps: drought-tolerant "
            "seed distributed before planting, repaired irrigation channels and fodder "
            "stored before livestock prices collapse.",
            "All of these need to be done in winter. By June, the only thing left to "
            "organise is relief.",
            "The agriculture department and the aid groups have the forecasts. What farmers "
            "need now is a plan with dates on it.",
        ],
    },
    {
        "headline": "Why we publish corrections where you can see them",
        "standfirst": "A note from the news editor on how this agency fixes its mistakes.",
        "dateline": "KABUL",
        "section": "opinion",
        "authors": ["wahid-karimi"],
        "tags": ["Media", "Culture"],
        "hours_ago": 600,
        "caption": "Corrections are dated and shown at the end of each story.",
        "paragraphs": [
            "Every news organisation makes mistakes. What separates a trustworthy one from "
            "the rest is what it does next.",
            "From today, when we correct a story, the correction appears at the end of it "
            "with a date and a plain explanation of what was wrong. We do not quietly change "
            "a figure and hope nobody noticed.",
            "A clarification is different: nothing was wrong, but something could be "
            "misunderstood, and we explain it.",
            "If you see something in our reporting that is wrong, write to us. We read every "
            "message, and we will tell you what we did about it.",
        ],
    },
    {
        "headline": "Football needs pitches before it needs stadiums",
        "standfirst": "Children in most districts have no flat, safe place to play; fix that "
        "first.",
        "dateline": "KABUL",
        "section": "opinion",
        "authors": ["zaki-haidari"],
        "tags": ["Football", "Youth"],
        "status": IN_REVIEW,
        "caption": "Most children play on unmarked ground.",
        "paragraphs": [
            "The national cup final will be played in a fine stadium. The players in it "
            "learnt the game on dirt, between parked cars and in dry riverbeds.",
            "A simple, level, fenced pitch in every district would do more for the sport than "
            "another grand stand. It would do more for children’s health, too.",
            "Clubs, municipalities and businesses could share the cost. A name on a fence is "
            "cheap advertising and good citizenship.",
            "Build the pitches, and the stadiums will fill themselves.",
        ],
    },
]

# Stories in Dari and Pashto, after the English ones some of them translate.
STORIES += demo_translations.STORIES

# headline -> corrections/clarifications appended after publication: (kind, text, hours later)
CORRECTIONS = {
    "New water network reaches 9,000 homes in Mazar-i-Sharif": [
        (
            "correction",
            "An earlier version of this story said 64 kilometres of pipe had been laid. The "
            "correct figure is 46 kilometres.",
            4,
        ),
    ],
    "National side win the opening match of the tri-series by six wickets": [
        (
            "clarification",
            "This story has been updated to make clear that the target of 247 was set in a "
            "full fifty-over innings.",
            2,
        ),
    ],
}

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="hi_IN">
<context>
    <name></name>
    <message>
        <source>A target cannot be removed; type 0 instead.</source>
        <translation>लक्ष्य हटाया नहीं जा सकता; इसके स्थान पर 0 लिखें।</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a number</source>
        <translation>&apos;{text}&apos; संख्या नहीं है</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; has commas in the wrong places</source>
        <translation>&apos;{text}&apos; में अल्पविराम (,) गलत स्थान पर हैं</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; must be a whole number</source>
        <translation>&apos;{text}&apos; पूर्ण संख्या होनी चाहिए</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; has more than two decimal places</source>
        <translation>&apos;{text}&apos; में दशमलव के बाद दो से अधिक अंक हैं</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>यह फ़ील्ड भरना आवश्यक है।</translation>
    </message>
    <message>
        <source>Too long: at most {limit} characters.</source>
        <translation>बहुत लंबा है: अधिकतम {limit} अक्षर।</translation>
    </message>
    <message>
        <source>Contains a control character that cannot be saved.</source>
        <translation>इसमें ऐसा नियंत्रण वर्ण है जिसे सहेजा नहीं जा सकता।</translation>
    </message>
    <message>
        <source>Cannot be negative.</source>
        <translation>शून्य से कम नहीं हो सकता।</translation>
    </message>
    <message>
        <source>Too large.</source>
        <translation>संख्या बहुत बड़ी है।</translation>
    </message>
    <message>
        <source>Date {day} is before the campaign starts ({start}).</source>
        <translation>दिनांक {day} अभियान शुरू होने ({start}) से पहले का है।</translation>
    </message>
    <message>
        <source>Date {day} is after the campaign ends ({end}).</source>
        <translation>दिनांक {day} अभियान समाप्त होने ({end}) के बाद का है।</translation>
    </message>
    <message>
        <source>Date {day} is in the future.</source>
        <translation>दिनांक {day} भविष्य का है।</translation>
    </message>
    <message>
        <source>Latitude must be between -90 and 90.</source>
        <translation>अक्षांश -90 और 90 के बीच होना चाहिए।</translation>
    </message>
    <message>
        <source>Longitude must be between -180 and 180.</source>
        <translation>देशांतर -180 और 180 के बीच होना चाहिए।</translation>
    </message>
    <message>
        <source>A completed site needs its completion date.</source>
        <translation>पूर्ण स्थल के लिए पूर्ण होने का दिनांक आवश्यक है।</translation>
    </message>
    <message>
        <source>Only a completed site has a completion date.</source>
        <translation>पूर्ण होने का दिनांक केवल पूर्ण स्थल का होता है।</translation>
    </message>
    <message>
        <source>Use 2 to 20 capital letters, digits or hyphens, e.g. DL-042.</source>
        <translation>2 से 20 अंग्रेज़ी बड़े अक्षर (A-Z), अंक या हाइफ़न (-) लिखें, जैसे DL-042।</translation>
    </message>
    <message>
        <source>Unknown indicator &apos;{code}&apos;.</source>
        <translation>अज्ञात संकेतक &apos;{code}&apos;।</translation>
    </message>
    <message>
        <source>This indicator takes no target.</source>
        <translation>इस संकेतक का लक्ष्य नहीं होता।</translation>
    </message>
    <message>
        <source>This indicator is counted from its register, not typed.</source>
        <translation>यह संकेतक अपने रजिस्टर से गिना जाता है, इसे लिखा नहीं जाता।</translation>
    </message>
    <message>
        <source>Give a reason: targets are fixed once the implementation phase starts.</source>
        <translation>कारण लिखें: कार्यान्वयन चरण शुरू होने के बाद लक्ष्य निर्धारित हो जाते हैं।</translation>
    </message>
    <message>
        <source>More than {limit} in one day is not possible for this indicator: check the figure.</source>
        <translation>इस संकेतक के लिए एक दिन में {limit} से अधिक संभव नहीं है: आँकड़ा जाँचें।</translation>
    </message>
    <message>
        <source>Unusually large for one day (usually at most {limit}).</source>
        <translation>एक दिन के लिए असामान्य रूप से बड़ा (सामान्यतः अधिकतम {limit})।</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; looks like a date, not a figure.</source>
        <translation>&apos;{text}&apos; आँकड़ा नहीं, दिनांक लगता है।</translation>
    </message>
    <message>
        <source>This indicator takes figures only in the {phase} ({start} to {end}).</source>
        <translation>इस संकेतक के आंकड़े केवल {phase} ({start} से {end}) में दर्ज होते हैं।</translation>
    </message>
    <message>
        <source>{campaign} is an earlier campaign: its records can be viewed, exported and printed, not changed.</source>
        <translation>{campaign} एक पिछला अभियान है: इसकी प्रविष्टियाँ देखी, निर्यात और मुद्रित की जा सकती हैं, बदली नहीं जा सकतीं।</translation>
    </message>
    <message>
        <source>This indicator was removed from the campaign: its entries are kept, new ones cannot be added.</source>
        <translation>यह संकेतक अभियान से हटा दिया गया है: इसकी प्रविष्टियाँ रखी गई हैं, नई नहीं जोड़ी जा सकतीं।</translation>
    </message>
    <message>
        <source>Choose English or Hindi.</source>
        <translation>अंग्रेज़ी या हिन्दी चुनें।</translation>
    </message>
    <message>
        <source>{photo} was taken on {day}, outside the campaign ({start} to {end}).</source>
        <translation>{photo} {day} को ली गई, अभियान की अवधि ({start} से {end}) से बाहर।</translation>
    </message>
    <message>
        <source>The &apos;after&apos; photo {photo} was taken ({taken}) before the &apos;before&apos; photo {other} ({other_taken}).</source>
        <translation>&apos;बाद की&apos; फ़ोटो {photo} ({taken}) &apos;पहले की&apos; फ़ोटो {other} ({other_taken}) से पहले ली गई।</translation>
    </message>
    <message>
        <source>{photo} was taken {distance} from the site&apos;s recorded position.</source>
        <translation>{photo} स्थल की दर्ज स्थिति से {distance} दूर ली गई।</translation>
    </message>
    <message>
        <source>The &apos;after&apos; photo {photo} looks the same as the &apos;before&apos; photo {other}.</source>
        <translation>&apos;बाद की&apos; फ़ोटो {photo} &apos;पहले की&apos; फ़ोटो {other} जैसी ही दिखती है।</translation>
    </message>
    <message>
        <source>{photo} is used for two sites: {site} and {other_site}.</source>
        <translation>{photo} दो स्थलों के लिए उपयोग की गई है: {site} और {other_site}।</translation>
    </message>
    <message>
        <source>{photo} and {other} are the same picture, used for two sites: {site} and {other_site}.</source>
        <translation>{photo} और {other} एक ही चित्र हैं, दो स्थलों के लिए उपयोग: {site} और {other_site}।</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a date: type day, month and year, e.g. 06.12.2026 or 06122026.</source>
        <translation>&apos;{text}&apos; दिनांक नहीं है: दिन, माह और वर्ष लिखें, जैसे 06.12.2026 या 06122026।</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a day of the calendar.</source>
        <translation>&apos;{text}&apos; कैलेंडर का कोई दिन नहीं है।</translation>
    </message>
    <message numerus="yes">
        <source>This PC&apos;s clock is {n} minute behind headquarters&apos; time; uploads still work. Set the PC&apos;s date and time when you can.</source>
        <comment>This PC&apos;s clock is {n} minutes behind headquarters&apos; time; uploads still work. Set the PC&apos;s date and time when you can.</comment>
        <translation>
            <numerusform>इस पीसी की घड़ी मुख्यालय के समय से {n} मिनट पीछे है; अपलोड फिर भी होते हैं। जब हो सके, पीसी की तारीख और समय ठीक करें।</numerusform>
            <numerusform>इस पीसी की घड़ी मुख्यालय के समय से {n} मिनट पीछे है; अपलोड फिर भी होते हैं। जब हो सके, पीसी की तारीख और समय ठीक करें।</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This PC&apos;s clock is {n} hour behind headquarters&apos; time; uploads still work. Set the PC&apos;s date and time when you can.</source>
        <comment>This PC&apos;s clock is {n} hours behind headquarters&apos; time; uploads still work. Set the PC&apos;s date and time when you can.</comment>
        <translation>
            <numerusform>इस पीसी की घड़ी मुख्यालय के समय से {n} घंटा पीछे है; अपलोड फिर भी होते हैं। जब हो सके, पीसी की तारीख और समय ठीक करें।</numerusform>
            <numerusform>इस पीसी की घड़ी मुख्यालय के समय से {n} घंटे पीछे है; अपलोड फिर भी होते हैं। जब हो सके, पीसी की तारीख और समय ठीक करें।</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This PC&apos;s clock is {n} day behind headquarters&apos; time; uploads still work. Set the PC&apos;s date and time when you can.</source>
        <comment>This PC&apos;s clock is {n} days behind headquarters&apos; time; uploads still work. Set the PC&apos;s date and time when you can.</comment>
        <translation>
            <numerusform>इस पीसी की घड़ी मुख्यालय के समय से {n} दिन पीछे है; अपलोड फिर भी होते हैं। जब हो सके, पीसी की तारीख और समय ठीक करें।</numerusform>
            <numerusform>इस पीसी की घड़ी मुख्यालय के समय से {n} दिन पीछे है; अपलोड फिर भी होते हैं। जब हो सके, पीसी की तारीख और समय ठीक करें।</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This PC&apos;s clock is {n} year behind headquarters&apos; time; uploads still work. Set the PC&apos;s date and time when you can.</source>
        <comment>This PC&apos;s clock is {n} years behind headquarters&apos; time; uploads still work. Set the PC&apos;s date and time when you can.</comment>
        <translation>
            <numerusform>इस पीसी की घड़ी मुख्यालय के समय से {n} साल पीछे है; अपलोड फिर भी होते हैं। जब हो सके, पीसी की तारीख और समय ठीक करें।</numerusform>
            <numerusform>इस पीसी की घड़ी मुख्यालय के समय से {n} साल पीछे है; अपलोड फिर भी होते हैं। जब हो सके, पीसी की तारीख और समय ठीक करें।</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This PC&apos;s clock is {n} minute ahead of headquarters&apos; time; uploads still work. Set the PC&apos;s date and time when you can.</source>
        <comment>This PC&apos;s clock is {n} minutes ahead of headquarters&apos; time; uploads still work. Set the PC&apos;s date and time when you can.</comment>
        <translation>
            <numerusform>इस पीसी की घड़ी मुख्यालय के समय से {n} मिनट आगे है; अपलोड फिर भी होते हैं। जब हो सके, पीसी की तारीख और समय ठीक करें।</numerusform>
            <numerusform>इस पीसी की घड़ी मुख्यालय के समय से {n} मिनट आगे है; अपलोड फिर भी होते हैं। जब हो सके, पीसी की तारीख और समय ठीक करें।</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This PC&apos;s clock is {n} hour ahead of headquarters&apos; time; uploads still work. Set the PC&apos;s date and time when you can.</source>
        <comment>This PC&apos;s clock is {n} hours ahead of headquarters&apos; time; uploads still work. Set the PC&apos;s date and time when you can.</comment>
        <translation>
            <numerusform>इस पीसी की घड़ी मुख्यालय के समय से {n} घंटा आगे है; अपलोड फिर भी होते हैं। जब हो सके, पीसी की तारीख और समय ठीक करें।</numerusform>
            <numerusform>इस पीसी की घड़ी मुख्यालय के समय से {n} घंटे आगे है; अपलोड फिर भी होते हैं। जब हो सके, पीसी की तारीख और समय ठीक करें।</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This PC&apos;s clock is {n} day ahead of headquarters&apos; time; uploads still work. Set the PC&apos;s date and time when you can.</source>
        <comment>This PC&apos;s clock is {n} days ahead of headquarters&apos; time; uploads still work. Set the PC&apos;s date and time when you can.</comment>
        <translation>
            <numerusform>इस पीसी की घड़ी मुख्यालय के समय से {n} दिन आगे है; अपलोड फिर भी होते हैं। जब हो सके, पीसी की तारीख और समय ठीक करें।</numerusform>
            <numerusform>इस पीसी की घड़ी मुख्यालय के समय से {n} दिन आगे है; अपलोड फिर भी होते हैं। जब हो सके, पीसी की तारीख और समय ठीक करें।</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This PC&apos;s clock is {n} year ahead of headquarters&apos; time; uploads still work. Set the PC&apos;s date and time when you can.</source>
        <comment>This PC&apos;s clock is {n} years ahead of headquarters&apos; time; uploads still work. Set the PC&apos;s date and time when you can.</comment>
        <translation>
            <numerusform>इस पीसी की घड़ी मुख्यालय के समय से {n} साल आगे है; अपलोड फिर भी होते हैं। जब हो सके, पीसी की तारीख और समय ठीक करें।</numerusform>
            <numerusform>इस पीसी की घड़ी मुख्यालय के समय से {n} साल आगे है; अपलोड फिर भी होते हैं। जब हो सके, पीसी की तारीख और समय ठीक करें।</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} bundle accepted by headquarters</source>
        <comment>{n} bundles accepted by headquarters</comment>
        <translation>
            <numerusform>{n} बंडल मुख्यालय ने स्वीकार किया</numerusform>
            <numerusform>{n} बंडल मुख्यालय ने स्वीकार किए</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} bundle rejected (see `fielddesk upload --status`)</source>
        <comment>{n} bundles rejected (see `fielddesk upload --status`)</comment>
        <translation>
            <numerusform>{n} बंडल अस्वीकार हुआ (देखें `fielddesk upload --status`)</numerusform>
            <numerusform>{n} बंडल अस्वीकार हुए (देखें `fielddesk upload --status`)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} bundle with a receipt that did not verify</source>
        <comment>{n} bundles with a receipt that did not verify</comment>
        <translation>
            <numerusform>{n} बंडल की रसीद सत्यापित नहीं हुई</numerusform>
            <numerusform>{n} बंडलों की रसीद सत्यापित नहीं हुई</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} bundle sent, waiting for headquarters&apos; receipt</source>
        <comment>{n} bundles sent, waiting for headquarters&apos; receipt</comment>
        <translation>
            <numerusform>{n} बंडल भेजा गया, मुख्यालय की रसीद की प्रतीक्षा है</numerusform>
            <numerusform>{n} बंडल भेजे गए, मुख्यालय की रसीद की प्रतीक्षा है</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>headquarters cannot be reached now (no network?): {n} bundle stays queued and goes next time</source>
        <comment>headquarters cannot be reached now (no network?): {n} bundles stay queued and go next time</comment>
        <translation>
            <numerusform>मुख्यालय से अभी संपर्क नहीं हो पा रहा (नेटवर्क नहीं?): {n} बंडल कतार में रहता है और अगली बार जाएगा</numerusform>
            <numerusform>मुख्यालय से अभी संपर्क नहीं हो पा रहा (नेटवर्क नहीं?): {n} बंडल कतार में रहते हैं और अगली बार जाएँगे</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the link to headquarters broke off and stayed down: {n} bundle stays queued and continues where it stopped next time</source>
        <comment>the link to headquarters broke off and stayed down: {n} bundles stay queued and continue where they stopped next time</comment>
        <translation>
            <numerusform>मुख्यालय से कनेक्शन टूटा और फिर नहीं जुड़ा: {n} बंडल कतार में रहता है और अगली बार वहीं से आगे जाएगा जहाँ रुका था</numerusform>
            <numerusform>मुख्यालय से कनेक्शन टूटा और फिर नहीं जुड़ा: {n} बंडल कतार में रहते हैं और अगली बार वहीं से आगे जाएँगे जहाँ रुके थे</numerusform>
        </translation>
    </message>
    <message>
        <source>headquarters refused: {reason}</source>
        <translation>मुख्यालय ने मना किया: {reason}</translation>
    </message>
    <message>
        <source>the upload stopped: {reason}</source>
        <translation>अपलोड रुक गया: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>{n} bundle still queued</source>
        <comment>{n} bundles still queued</comment>
        <translation>
            <numerusform>{n} बंडल अभी कतार में है</numerusform>
            <numerusform>{n} बंडल अभी कतार में हैं</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing to send: every bundle has headquarters&apos; receipt</source>
        <translation>भेजने को कुछ नहीं: हर बंडल की मुख्यालय से रसीद मिल चुकी है</translation>
    </message>
    <message>
        <source>headquarters sent a campaign ({file}): review it before it is applied</source>
        <translation>मुख्यालय ने एक अभियान भेजा है ({file}): लागू होने से पहले इसे देख लें</translation>
    </message>
    <message numerus="yes">
        <source>{n} target</source>
        <comment>{n} targets</comment>
        <translation>
            <numerusform>{n} लक्ष्य</numerusform>
            <numerusform>{n} लक्ष्य</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} daily entry</source>
        <comment>{n} daily entries</comment>
        <translation>
            <numerusform>{n} दैनिक प्रविष्टि</numerusform>
            <numerusform>{n} दैनिक प्रविष्टियाँ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} scrap disposal</source>
        <comment>{n} scrap disposals</comment>
        <translation>
            <numerusform>{n} स्क्रैप निपटान</numerusform>
            <numerusform>{n} स्क्रैप निपटान</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} site</source>
        <comment>{n} sites</comment>
        <translation>
            <numerusform>{n} स्थल</numerusform>
            <numerusform>{n} स्थल</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} event</source>
        <comment>{n} events</comment>
        <translation>
            <numerusform>{n} कार्यक्रम</numerusform>
            <numerusform>{n} कार्यक्रम</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} photo link</source>
        <comment>{n} photo links</comment>
        <translation>
            <numerusform>{n} फ़ोटो लिंक</numerusform>
            <numerusform>{n} फ़ोटो लिंक</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} photo</source>
        <comment>{n} photos</comment>
        <translation>
            <numerusform>{n} फ़ोटो</numerusform>
            <numerusform>{n} फ़ोटो</numerusform>
        </translation>
    </message>
    <message>
        <source>The PC&apos;s clock says {now}, but headquarters answered this office on {then}: check the date and time before entering today&apos;s work.</source>
        <translation>कंप्यूटर की घड़ी {now} बता रही है, परंतु मुख्यालय ने इस कार्यालय को {then} को उत्तर दिया था: आज का काम दर्ज करने से पहले दिनांक और समय जाँच लें।</translation>
    </message>
    <message>
        <source>The PC&apos;s clock says {now}, but this office exported a bundle on {then}: check the date and time before entering today&apos;s work.</source>
        <translation>कंप्यूटर की घड़ी {now} बता रही है, परंतु इस कार्यालय ने {then} को बंडल निर्यात किया था: आज का काम दर्ज करने से पहले दिनांक और समय जाँच लें।</translation>
    </message>
    <message>
        <source>The PC&apos;s clock says {now}, but this office saved an entry on {then}: check the date and time before entering today&apos;s work.</source>
        <translation>कंप्यूटर की घड़ी {now} बता रही है, परंतु इस कार्यालय ने {then} को एक प्रविष्टि सहेजी थी: आज का काम दर्ज करने से पहले दिनांक और समय जाँच लें।</translation>
    </message>
    <message>
        <source>When headquarters last answered, it was {then} there but {pc} on this PC: check the date and time before entering today&apos;s work.</source>
        <translation>जब मुख्यालय ने पिछली बार उत्तर दिया, वहाँ {then} था परंतु इस कंप्यूटर पर {pc}: आज का काम दर्ज करने से पहले दिनांक और समय जाँच लें।</translation>
    </message>
    <message>
        <source>The PC&apos;s clock says {now}, long before this office&apos;s campaign ({start} to {end}): check the date and time before entering today&apos;s work.</source>
        <translation>कंप्यूटर की घड़ी {now} बता रही है, जो इस कार्यालय के अभियान ({start} से {end}) से बहुत पहले है: आज का काम दर्ज करने से पहले दिनांक और समय जाँच लें।</translation>
    </message>
    <message>
        <source>The disk is full: the export needs {needed} free in {folder}, but only {free} is free. Nothing was saved. Free some space and try again.</source>
        <translation>डिस्क भरी हुई है: निर्यात के लिए {folder} में {needed} खाली जगह चाहिए, परंतु केवल {free} खाली है। कुछ भी सहेजा नहीं गया। कुछ जगह खाली करें और फिर से प्रयास करें।</translation>
    </message>
    <message>
        <source>The disk is full: the backup needs {needed} free in {folder}, but only {free} is free. Nothing was saved. Free some space and try again.</source>
        <translation>डिस्क भरी हुई है: बैकअप के लिए {folder} में {needed} खाली जगह चाहिए, परंतु केवल {free} खाली है। कुछ भी सहेजा नहीं गया। कुछ जगह खाली करें और फिर से प्रयास करें।</translation>
    </message>
    <message>
        <source>The disk is full or failing: nothing was saved. The export needs about {needed} free in {folder}. Free some space and try again.</source>
        <translation>डिस्क भरी हुई है या खराब हो रही है: कुछ भी सहेजा नहीं गया। निर्यात के लिए {folder} में लगभग {needed} खाली जगह चाहिए। कुछ जगह खाली करें और फिर से प्रयास करें।</translation>
    </message>
    <message>
        <source>The disk is full or failing: nothing was saved. The backup needs about {needed} free in {folder}. Free some space and try again.</source>
        <translation>डिस्क भरी हुई है या खराब हो रही है: कुछ भी सहेजा नहीं गया। बैकअप के लिए {folder} में लगभग {needed} खाली जगह चाहिए। कुछ जगह खाली करें और फिर से प्रयास करें।</translation>
    </message>
    <message>
        <source>New campaign: {title} (version {version}), {start} to {end}. It becomes the current campaign; the records of earlier campaigns stay, read-only.</source>
        <translation>नया अभियान: {title} (संस्करण {version}), {start} से {end}। यह वर्तमान अभियान बनेगा; पिछले अभियानों की प्रविष्टियाँ केवल देखने के लिए रहेंगी।</translation>
    </message>
    <message>
        <source>Title: “{old}” becomes “{new}”</source>
        <translation>शीर्षक: “{old}” अब “{new}”</translation>
    </message>
    <message>
        <source>{phase}: {old_start} to {old_end} becomes {new_start} to {new_end}</source>
        <translation>{phase}: {old_start} से {old_end} अब {new_start} से {new_end}</translation>
    </message>
    <message>
        <source>Phase renamed: “{old}” becomes “{new}”</source>
        <translation>चरण का नया नाम: “{old}” अब “{new}”</translation>
    </message>
    <message>
        <source>New indicator: {name} ({code})</source>
        <translation>नया संकेतक: {name} ({code})</translation>
    </message>
    <message>
        <source>Indicator back in the campaign: {name} ({code}); its earlier entries count again</source>
        <translation>संकेतक अभियान में वापस: {name} ({code}); इसकी पिछली प्रविष्टियाँ फिर गिनी जाएँगी</translation>
    </message>
    <message>
        <source>Renamed: “{old}” becomes “{new}” ({code})</source>
        <translation>नया नाम: “{old}” अब “{new}” ({code})</translation>
    </message>
    <message>
        <source>{name}: unit {old} becomes {new}</source>
        <translation>{name}: इकाई {old} के स्थान पर {new}</translation>
    </message>
    <message>
        <source>{name}: group {old} becomes {new}</source>
        <translation>{name}: समूह {old} के स्थान पर {new}</translation>
    </message>
    <message>
        <source>{name}: figures come from {new}, no longer {old}</source>
        <translation>{name}: आंकड़े अब {new} से आएँगे, {old} से नहीं</translation>
    </message>
    <message>
        <source>{name}: now takes a target</source>
        <translation>{name}: अब इसका लक्ष्य तय होगा</translation>
    </message>
    <message>
        <source>{name}: no longer takes a target</source>
        <translation>{name}: अब इसका कोई लक्ष्य नहीं</translation>
    </message>
    <message>
        <source>{name}: at most {daily_max} a day, unusual above {unusual}</source>
        <translation>{name}: एक दिन में अधिकतम {daily_max}, {unusual} से अधिक असामान्य</translation>
    </message>
    <message>
        <source>{name}: at most {daily_max} a day</source>
        <translation>{name}: एक दिन में अधिकतम {daily_max}</translation>
    </message>
    <message>
        <source>{name}: unusual above {unusual} a day</source>
        <translation>{name}: एक दिन में {unusual} से अधिक असामान्य</translation>
    </message>
    <message>
        <source>{name}: no daily limits</source>
        <translation>{name}: कोई दैनिक सीमा नहीं</translation>
    </message>
    <message>
        <source>{name}: figures only in the {phase}</source>
        <translation>{name}: आंकड़े केवल {phase} में</translation>
    </message>
    <message>
        <source>{name}: figures on any day of the campaign</source>
        <translation>{name}: आंकड़े अभियान के किसी भी दिन</translation>
    </message>
    <message numerus="yes">
        <source>Removed indicator: {name} ({code}); its {n} entry is kept, shown as retired</source>
        <comment>Removed indicator: {name} ({code}); its {n} entries are kept, shown as retired</comment>
        <translation>
            <numerusform>हटाया गया संकेतक: {name} ({code}); इसकी {n} प्रविष्टि रखी गई है, हटाए गए के रूप में दिखेगी</numerusform>
            <numerusform>हटाया गया संकेतक: {name} ({code}); इसकी {n} प्रविष्टियाँ रखी गई हैं, हटाए गए के रूप में दिखेंगी</numerusform>
        </translation>
    </message>
    <message>
        <source>{file} is not a receipt from headquarters ({problem}). Nothing was changed.</source>
        <translation>{file} मुख्यालय की रसीद नहीं है ({problem})। कुछ भी नहीं बदला गया।</translation>
    </message>
    <message>
        <source>{file}: no headquarters key is set yet, so its receipts cannot be checked: set headquarters&apos; key file in Settings first. Nothing was changed.</source>
        <translation>{file}: मुख्यालय की कुंजी अभी तय नहीं है, इसलिए उसकी रसीदें जाँची नहीं जा सकतीं: पहले सेटिंग्स में मुख्यालय की कुंजी फ़ाइल तय करें। कुछ भी नहीं बदला गया।</translation>
    </message>
    <message>
        <source>{file} is not signed by the headquarters key this office trusts ({trusted}…). Nothing was changed.</source>
        <translation>{file} पर उस मुख्यालय कुंजी के हस्ताक्षर नहीं हैं जिस पर यह कार्यालय भरोसा करता है ({trusted}…)। कुछ भी नहीं बदला गया।</translation>
    </message>
    <message>
        <source>{file} is a receipt for office {other}, not for this office ({office}). Nothing was changed.</source>
        <translation>{file} कार्यालय {other} की रसीद है, इस कार्यालय ({office}) की नहीं। कुछ भी नहीं बदला गया।</translation>
    </message>
    <message>
        <source>{file} answers bundle {bundle}, which this office did not export (or not with these contents). Nothing was changed.</source>
        <translation>{file} बंडल {bundle} की रसीद है, जिसे इस कार्यालय ने निर्यात नहीं किया (या इस सामग्री के साथ नहीं)। कुछ भी नहीं बदला गया।</translation>
    </message>
    <message>
        <source>{file} is signed by another key ({signer}…), not by the headquarters key this office trusts ({trusted}…). Nothing was changed.</source>
        <translation>{file} पर किसी दूसरी कुंजी ({signer}…) के हस्ताक्षर हैं, उस मुख्यालय कुंजी ({trusted}…) के नहीं जिस पर यह कार्यालय भरोसा करता है। कुछ भी नहीं बदला गया।</translation>
    </message>
    <message>
        <source>{file} is version {version} of {title}; this office already has version {have}. Nothing was changed.</source>
        <translation>{file} {title} का संस्करण {version} है; इस कार्यालय के पास पहले से संस्करण {have} है। कुछ भी नहीं बदला गया।</translation>
    </message>
    <message>
        <source>{file} is version {version} of {title} but differs from the version {version} this office has: headquarters must give a corrected campaign a new version number. Nothing was changed.</source>
        <translation>{file} {title} का संस्करण {version} है, परंतु इस कार्यालय के पास मौजूद संस्करण {version} से अलग है: सुधारे गए अभियान को मुख्यालय नया संस्करण क्रमांक दे। कुछ भी नहीं बदला गया।</translation>
    </message>
    <message>
        <source>Headquarters&apos; key was not confirmed: nothing was changed.</source>
        <translation>मुख्यालय की कुंजी की पुष्टि नहीं हुई: कुछ भी नहीं बदला गया।</translation>
    </message>
    <message>
        <source>{file} is damaged or is not a campaign file from headquarters ({problem}). Nothing was changed.</source>
        <translation>{file} खराब है या मुख्यालय की अभियान फ़ाइल नहीं है ({problem})। कुछ भी नहीं बदला गया।</translation>
    </message>
    <message>
        <source>also sent by another office</source>
        <translation>किसी दूसरे कार्यालय ने भी भेजी</translation>
    </message>
    <message>
        <source>also used for another record of this office</source>
        <translation>इस कार्यालय के किसी दूसरे रिकॉर्ड में भी लगी है</translation>
    </message>
    <message>
        <source>the site&apos;s after photo is its own before photo</source>
        <translation>स्थल की &quot;बाद&quot; वाली फ़ोटो उसकी अपनी &quot;पहले&quot; वाली फ़ोटो है</translation>
    </message>
    <message>
        <source>Headquarters cannot answer just now: {error}</source>
        <translation>मुख्यालय अभी उत्तर नहीं दे सकता: {error}</translation>
    </message>
    <message>
        <source>The dashboard is not available on this server.</source>
        <translation>इस सर्वर पर डैशबोर्ड उपलब्ध नहीं है।</translation>
    </message>
    <message>
        <source>No office {code} is registered here.</source>
        <translation>यहाँ {code} नाम का कोई कार्यालय पंजीकृत नहीं है।</translation>
    </message>
    <message>
        <source>No office has sent a bundle yet: the figures appear with the first one.</source>
        <translation>अभी तक किसी कार्यालय ने बंडल नहीं भेजा है: पहले बंडल के साथ आँकड़े दिखेंगे।</translation>
    </message>
    <message>
        <source>This form did not come from this dashboard&apos;s page (or it has expired): nothing was changed. Open the page again and repeat.</source>
        <translation>यह फ़ॉर्म इस डैशबोर्ड के पेज से नहीं आया (या उसकी अवधि समाप्त हो गई): कुछ नहीं बदला गया। पेज फिर से खोलकर दोबारा करें।</translation>
    </message>
    <message>
        <source>key {fingerprint} registered for {office}</source>
        <translation>{office} के लिए कुंजी {fingerprint} पंजीकृत की गई</translation>
    </message>
    <message>
        <source>key {fingerprint} of {office} revoked</source>
        <translation>{office} की कुंजी {fingerprint} रद्द की गई</translation>
    </message>
    <message>
        <source>place of {office} saved</source>
        <translation>{office} का स्थान सहेजा गया</translation>
    </message>
    <message>
        <source>choose a bundle file (.zip) to import</source>
        <translation>आयात करने के लिए बंडल फ़ाइल (.zip) चुनें</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>अभियान</translation>
    </message>
    <message>
        <source>Stale after (days)</source>
        <translation>कितने दिन बाद पुराना (दिन)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>दिखाएँ</translation>
    </message>
    <message>
        <source>FieldDesk headquarters</source>
        <translation>फ़ील्डडेस्क मुख्यालय</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>अवलोकन</translation>
    </message>
    <message>
        <source>Offices</source>
        <translation>कार्यालय</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>फ़ोटो</translation>
    </message>
    <message>
        <source>Receiver status</source>
        <translation>प्राप्ति की स्थिति</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>प्रशासक</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>दर्शक</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>साइन आउट</translation>
    </message>
    <message>
        <source>State</source>
        <translation>राज्य</translation>
    </message>
    <message>
        <source>District</source>
        <translation>ज़िला</translation>
    </message>
    <message>
        <source>registered</source>
        <translation>पंजीकृत</translation>
    </message>
    <message numerus="yes">
        <source>{n} photo of this office is also other evidence</source>
        <comment>{n} photos of this office are also other evidence</comment>
        <translation>
            <numerusform>इस कार्यालय की {n} फ़ोटो किसी और काम का भी प्रमाण है</numerusform>
            <numerusform>इस कार्यालय की {n} फ़ोटो किसी और काम का भी प्रमाण हैं</numerusform>
        </translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>फ़ोटो</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>किसके लिए लगी</translation>
    </message>
    <message>
        <source>Also used for</source>
        <translation>और कहाँ लगी</translation>
    </message>
    <message>
        <source>Why flagged</source>
        <translation>चिह्नित क्यों</translation>
    </message>
    <message>
        <source>Difference (bits)</source>
        <translation>अंतर (बिट)</translation>
    </message>
    <message>
        <source>Last bundle</source>
        <translation>अंतिम बंडल</translation>
    </message>
    <message>
        <source>made</source>
        <translation>बना</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>स्वीकृत</translation>
    </message>
    <message>
        <source>created</source>
        <translation>अपलोड शुरू</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>आयात की कतार में</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>अस्वीकृत</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>विफल</translation>
    </message>
    <message>
        <source>import-deferred</source>
        <translation>आयात टला</translation>
    </message>
    <message>
        <source>The consolidated workbook is not available on this server.</source>
        <translation>इस सर्वर पर समेकित वर्कबुक उपलब्ध नहीं है।</translation>
    </message>
    <message>
        <source>Could not build the consolidated workbook: {error}</source>
        <translation>समेकित वर्कबुक नहीं बन सकी: {error}</translation>
    </message>
    <message numerus="yes">
        <source>stale: last bundle {n} day old</source>
        <comment>stale: last bundle {n} days old</comment>
        <translation>
            <numerusform>पुराना: अंतिम बंडल {n} दिन पुराना</numerusform>
            <numerusform>पुराना: अंतिम बंडल {n} दिन पुराना</numerusform>
        </translation>
    </message>
    <message>
        <source>photos missing</source>
        <translation>फ़ोटो नहीं मिलीं</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>श्रेणी</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>संकेतक</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>लक्ष्य</translation>
    </message>
    <message>
        <source>Achievement</source>
        <translation>उपलब्धि</translation>
    </message>
    <message>
        <source>Scrap disposed</source>
        <translation>निपटाया गया स्क्रैप</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>तारीख</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>वस्तु</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>तरीका</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>राजस्व</translation>
    </message>
    <message>
        <source>Space freed</source>
        <translation>खाली हुई जगह</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>कोई नहीं।</translation>
    </message>
    <message>
        <source>Cleanliness sites</source>
        <translation>स्वच्छता स्थल</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>पूर्ण</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>स्थल</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>स्थान</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>स्थिति</translation>
    </message>
    <message>
        <source>Completed on</source>
        <translation>पूर्ण होने की तारीख</translation>
    </message>
    <message>
        <source>before / after</source>
        <translation>पहले / बाद</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>कार्यक्रम</translation>
    </message>
    <message numerus="yes">
        <source>{n} participant</source>
        <comment>{n} participants</comment>
        <translation>
            <numerusform>{n} प्रतिभागी</numerusform>
            <numerusform>{n} प्रतिभागी</numerusform>
        </translation>
    </message>
    <message>
        <source>Title</source>
        <translation>शीर्षक</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>प्रकार</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>प्रतिभागी</translation>
    </message>
    <message>
        <source>No bundle of this office has been accepted yet.</source>
        <translation>इस कार्यालय का अभी तक कोई बंडल स्वीकार नहीं हुआ है।</translation>
    </message>
    <message>
        <source>Bundle history</source>
        <translation>बंडलों का इतिहास</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>कब (UTC)</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>परिणाम</translation>
    </message>
    <message>
        <source>File</source>
        <translation>फ़ाइल</translation>
    </message>
    <message>
        <source>Reason or flags</source>
        <translation>कारण या चिह्न</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>रसीद</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>अस्वीकृत</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>अपरिवर्तित</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>कुंजी</translation>
    </message>
    <message>
        <source>Active key</source>
        <translation>सक्रिय कुंजी</translation>
    </message>
    <message>
        <source>No active key: this office&apos;s bundles are refused.</source>
        <translation>कोई सक्रिय कुंजी नहीं: इस कार्यालय के बंडल अस्वीकार होते हैं।</translation>
    </message>
    <message>
        <source>What</source>
        <translation>क्या</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>फ़िंगरप्रिंट</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>कारण</translation>
    </message>
    <message>
        <source>Changed from the dashboard</source>
        <translation>डैशबोर्ड से किए गए बदलाव</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>किसने</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>विवरण</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>प्रशासन</translation>
    </message>
    <message>
        <source>Save the place</source>
        <translation>स्थान सहेजें</translation>
    </message>
    <message>
        <source>New public key (paste OFFICE.pub.pem)</source>
        <translation>नई सार्वजनिक कुंजी (OFFICE.pub.pem चिपकाएँ)</translation>
    </message>
    <message>
        <source>Replace the key</source>
        <translation>कुंजी बदलें</translation>
    </message>
    <message>
        <source>Revoke the key</source>
        <translation>कुंजी रद्द करें</translation>
    </message>
    <message>
        <source>Office code or name</source>
        <translation>कार्यालय कोड या नाम</translation>
    </message>
    <message>
        <source>all</source>
        <translation>सभी</translation>
    </message>
    <message>
        <source>Below % of target</source>
        <translation>लक्ष्य के % से कम</translation>
    </message>
    <message>
        <source>Stale only</source>
        <translation>केवल पुराने</translation>
    </message>
    <message numerus="yes">
        <source>{n} office matches</source>
        <comment>{n} offices match</comment>
        <translation>
            <numerusform>{n} कार्यालय मेल खाता है</numerusform>
            <numerusform>{n} कार्यालय मेल खाते हैं</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>stale: no bundle for {n} day</source>
        <comment>stale: no bundle for {n} days</comment>
        <translation>
            <numerusform>पुराने: {n} दिन से कोई बंडल नहीं</numerusform>
            <numerusform>पुराने: {n} दिन से कोई बंडल नहीं</numerusform>
        </translation>
    </message>
    <message>
        <source>Office</source>
        <translation>कार्यालय</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>नाम</translation>
    </message>
    <message>
        <source>% of target</source>
        <translation>लक्ष्य का %</translation>
    </message>
    <message>
        <source>Scrap revenue</source>
        <translation>स्क्रैप राजस्व</translation>
    </message>
    <message>
        <source>Sites completed</source>
        <translation>पूर्ण स्थल</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>अभी कोई नहीं</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>पुराना</translation>
    </message>
    <message>
        <source>No office matches.</source>
        <translation>कोई कार्यालय मेल नहीं खाता।</translation>
    </message>
    <message>
        <source>first</source>
        <translation>पहला</translation>
    </message>
    <message>
        <source>previous</source>
        <translation>पिछला</translation>
    </message>
    <message>
        <source>page {page} of {pages}</source>
        <translation>पेज {page} / {pages}</translation>
    </message>
    <message>
        <source>next</source>
        <translation>अगला</translation>
    </message>
    <message>
        <source>last</source>
        <translation>अंतिम</translation>
    </message>
    <message>
        <source>Import a bundle (.zip)</source>
        <translation>बंडल आयात करें (.zip)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>आयात करें</translation>
    </message>
    <message>
        <source>Office code</source>
        <translation>कार्यालय कोड</translation>
    </message>
    <message>
        <source>Office public key (paste OFFICE.pub.pem)</source>
        <translation>कार्यालय की सार्वजनिक कुंजी (OFFICE.pub.pem चिपकाएँ)</translation>
    </message>
    <message>
        <source>Register the key</source>
        <translation>कुंजी पंजीकृत करें</translation>
    </message>
    <message>
        <source>offices reported</source>
        <translation>कार्यालयों ने रिपोर्ट भेजी</translation>
    </message>
    <message>
        <source>of</source>
        <translation>में से</translation>
    </message>
    <message>
        <source>registered, no bundle of this campaign</source>
        <translation>पंजीकृत, इस अभियान का कोई बंडल नहीं</translation>
    </message>
    <message>
        <source>bundles refused in the last 7 days</source>
        <translation>पिछले 7 दिनों में अस्वीकृत बंडल</translation>
    </message>
    <message>
        <source>scrap revenue</source>
        <translation>स्क्रैप राजस्व</translation>
    </message>
    <message>
        <source>space freed</source>
        <translation>खाली हुई जगह</translation>
    </message>
    <message>
        <source>sites completed</source>
        <translation>पूर्ण स्थल</translation>
    </message>
    <message>
        <source>events</source>
        <translation>कार्यक्रम</translation>
    </message>
    <message>
        <source>participants</source>
        <translation>प्रतिभागी</translation>
    </message>
    <message>
        <source>Targets and achievement</source>
        <translation>लक्ष्य और उपलब्धि</translation>
    </message>
    <message>
        <source>Bundles refused in the last 7 days, and why</source>
        <translation>पिछले 7 दिनों में अस्वीकृत बंडल, और क्यों</translation>
    </message>
    <message>
        <source>Bundles</source>
        <translation>बंडल</translation>
    </message>
    <message>
        <source>Download the consolidated workbook (.xlsx)</source>
        <translation>समेकित वर्कबुक डाउनलोड करें (.xlsx)</translation>
    </message>
    <message>
        <source>not received</source>
        <translation>प्राप्त नहीं</translation>
    </message>
    <message>
        <source>Cleanliness sites: before and after</source>
        <translation>स्वच्छता स्थल: पहले और बाद</translation>
    </message>
    <message>
        <source>From</source>
        <translation>से</translation>
    </message>
    <message>
        <source>To</source>
        <translation>तक</translation>
    </message>
    <message>
        <source>page {page}</source>
        <translation>पेज {page}</translation>
    </message>
    <message>
        <source>Open on this machine only: no staff account yet</source>
        <translation>केवल इसी मशीन पर खुला: अभी कोई स्टाफ़ खाता नहीं</translation>
    </message>
    <message>
        <source>FieldDesk — headquarters receiver</source>
        <translation>फ़ील्डडेस्क — मुख्यालय प्राप्तकर्ता</translation>
    </message>
    <message>
        <source>As of {time} UTC</source>
        <translation>{time} UTC की स्थिति</translation>
    </message>
    <message numerus="yes">
        <source>{n} office</source>
        <comment>{n} offices</comment>
        <translation>
            <numerusform>{n} कार्यालय</numerusform>
            <numerusform>{n} कार्यालय</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} with nothing accepted in {days} days</source>
        <comment>{n} with nothing accepted in {days} days</comment>
        <translation>
            <numerusform>{n} कार्यालय से {days} दिन में कुछ स्वीकृत नहीं</numerusform>
            <numerusform>{n} कार्यालयों से {days} दिन में कुछ स्वीकृत नहीं</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} upload arriving</source>
        <comment>{n} uploads arriving</comment>
        <translation>
            <numerusform>{n} अपलोड आ रहा है</numerusform>
            <numerusform>{n} अपलोड आ रहे हैं</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} bundle waiting to be imported</source>
        <comment>{n} bundles waiting to be imported</comment>
        <translation>
            <numerusform>{n} बंडल आयात की प्रतीक्षा में</numerusform>
            <numerusform>{n} बंडल आयात की प्रतीक्षा में</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} request refused in 24 hours before any office was verified</source>
        <comment>{n} requests refused in 24 hours before any office was verified</comment>
        <translation>
            <numerusform>24 घंटे में किसी कार्यालय के सत्यापन से पहले {n} अनुरोध अस्वीकृत</numerusform>
            <numerusform>24 घंटे में किसी कार्यालय के सत्यापन से पहले {n} अनुरोध अस्वीकृत</numerusform>
        </translation>
    </message>
    <message>
        <source>Last accepted seq</source>
        <translation>अंतिम स्वीकृत क्रम</translation>
    </message>
    <message>
        <source>Bundle made</source>
        <translation>बंडल बना</translation>
    </message>
    <message>
        <source>Accepted at HQ</source>
        <translation>मुख्यालय में स्वीकृत</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>रद्द</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>अद्यतन</translation>
    </message>
    <message>
        <source>stale — no bundle yet</source>
        <translation>पुराना — अभी कोई बंडल नहीं</translation>
    </message>
    <message>
        <source>No office registered yet</source>
        <translation>अभी कोई कार्यालय पंजीकृत नहीं</translation>
    </message>
    <message>
        <source>Uploads arriving</source>
        <translation>आ रहे अपलोड</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>बंडल</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>प्राप्त</translation>
    </message>
    <message>
        <source>Last byte</source>
        <translation>अंतिम बाइट</translation>
    </message>
    <message>
        <source>{percent}% of {bytes} bytes</source>
        <translation>{bytes} बाइट में से {percent}%</translation>
    </message>
    <message>
        <source>Upload log</source>
        <translation>अपलोड लॉग</translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation>अभी कुछ नहीं।</translation>
    </message>
    <message>
        <source>Refused before any office was verified</source>
        <translation>किसी कार्यालय के सत्यापन से पहले अस्वीकृत</translation>
    </message>
    <message>
        <source>Unsigned, wrongly signed, replayed or stale requests. The office code is what the request claimed: unverified, and nothing was recorded against that office.</source>
        <translation>बिना हस्ताक्षर, गलत हस्ताक्षर, दोहराए गए या पुराने अनुरोध। कार्यालय कोड वही है जो अनुरोध ने बताया: असत्यापित, और उस कार्यालय के नाम कुछ दर्ज नहीं हुआ।</translation>
    </message>
    <message>
        <source>Last (UTC)</source>
        <translation>अंतिम (UTC)</translation>
    </message>
    <message>
        <source>Claimed office</source>
        <translation>बताया गया कार्यालय</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>अनुरोध</translation>
    </message>
    <message>
        <source>Refusal</source>
        <translation>अस्वीकृति</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>संख्या</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>उदाहरण</translation>
    </message>
    <message>
        <source>unverified</source>
        <translation>असत्यापित</translation>
    </message>
    <message>
        <source>none</source>
        <translation>कोई नहीं</translation>
    </message>
    <message>
        <source>before</source>
        <translation>पहले</translation>
    </message>
    <message>
        <source>no before photo</source>
        <translation>&quot;पहले&quot; की फ़ोटो नहीं</translation>
    </message>
    <message>
        <source>after</source>
        <translation>बाद</translation>
    </message>
    <message>
        <source>no after photo</source>
        <translation>&quot;बाद&quot; की फ़ोटो नहीं</translation>
    </message>
    <message>
        <source>No photos match.</source>
        <translation>कोई फ़ोटो मेल नहीं खाती।</translation>
    </message>
    <message>
        <source>FieldDesk — headquarters</source>
        <translation>फ़ील्डडेस्क — मुख्यालय</translation>
    </message>
    <message>
        <source>Sign in to see the offices’ data.</source>
        <translation>कार्यालयों का डेटा देखने के लिए साइन इन करें।</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>पासवर्ड</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>साइन इन करें</translation>
    </message>
    <message>
        <source>Sign in — FieldDesk headquarters</source>
        <translation>साइन इन — फ़ील्डडेस्क मुख्यालय</translation>
    </message>
    <message>
        <source>This sign-in form has expired or did not come from this page: sign in again.</source>
        <translation>यह साइन-इन फ़ॉर्म पुराना हो गया है या इस पेज से नहीं आया: फिर से साइन इन करें।</translation>
    </message>
    <message>
        <source>Staff sign-in is not available on this server.</source>
        <translation>इस सर्वर पर कर्मचारी साइन-इन उपलब्ध नहीं है।</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>नाम या पासवर्ड गलत है।</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong passwords for this name: try again in {n} minute.</source>
        <comment>Too many wrong passwords for this name: try again in {n} minutes.</comment>
        <translation>
            <numerusform>इस नाम के लिए बहुत बार गलत पासवर्ड: {n} मिनट बाद फिर प्रयास करें।</numerusform>
            <numerusform>इस नाम के लिए बहुत बार गलत पासवर्ड: {n} मिनट बाद फिर प्रयास करें।</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>FieldDesk</source>
        <translation>FieldDesk</translation>
    </message>
    <message>
        <source>Sorry, something went wrong. Your saved work is safe.
The details are in %1.</source>
        <translation>क्षमा करें, कोई त्रुटि हुई। आपका सहेजा गया कार्य सुरक्षित है।
विवरण %1 में है।</translation>
    </message>
</context>
<context>
    <name>CampaignChangesDialog</name>
    <message>
        <source>Campaign from headquarters</source>
        <translation>मुख्यालय से अभियान</translation>
    </message>
    <message>
        <source>A new campaign: %1 (version %2)</source>
        <translation>नया अभियान: %1 (संस्करण %2)</translation>
    </message>
    <message>
        <source>It becomes the current campaign. The records of earlier campaigns stay: they can still be viewed, exported and printed, not changed.</source>
        <translation>यह वर्तमान अभियान बनेगा। पिछले अभियानों की प्रविष्टियाँ बनी रहेंगी: उन्हें देखा, निर्यात और मुद्रित किया जा सकता है, बदला नहीं जा सकता।</translation>
    </message>
    <message>
        <source>%1: version %2 replaces version %3</source>
        <translation>%1: संस्करण %2, संस्करण %3 का स्थान लेगा</translation>
    </message>
    <message>
        <source>Every entry is kept. An indicator the new version removes keeps its entries, shown as retired.</source>
        <translation>हर प्रविष्टि रखी जाएगी। नए संस्करण में हटाए गए संकेतक की प्रविष्टियाँ बनी रहेंगी और हटाए गए के रूप में दिखेंगी।</translation>
    </message>
    <message>
        <source>What changes:</source>
        <translation>क्या बदलेगा:</translation>
    </message>
    <message>
        <source>Nothing an office sees changes.</source>
        <translation>कार्यालय को दिखने वाला कुछ नहीं बदलेगा।</translation>
    </message>
    <message>
        <source>Signed by headquarters&apos; key %1…</source>
        <translation>मुख्यालय की कुंजी %1… द्वारा हस्ताक्षरित</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>लागू करें (&amp;A)</translation>
    </message>
</context>
<context>
    <name>CampaignsDialog</name>
    <message>
        <source>Campaigns</source>
        <translation>अभियान</translation>
    </message>
    <message>
        <source>New records go to the current campaign. An earlier campaign&apos;s records can be viewed, exported and printed, not changed.</source>
        <translation>नई प्रविष्टियाँ वर्तमान अभियान में जाती हैं। पिछले अभियान की प्रविष्टियाँ देखी, निर्यात और मुद्रित की जा सकती हैं, बदली नहीं जा सकतीं।</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>अभियान</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>दिनांक</translation>
    </message>
    <message>
        <source>State</source>
        <translation>स्थिति</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>प्रविष्टियाँ</translation>
    </message>
    <message>
        <source>current</source>
        <translation>वर्तमान</translation>
    </message>
    <message>
        <source>earlier, read-only</source>
        <translation>पिछला, केवल देखने के लिए</translation>
    </message>
    <message>
        <source>%1 (version %2)</source>
        <translation>%1 (संस्करण %2)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>देखें (&amp;V)</translation>
    </message>
</context>
<context>
    <name>ClerkPage</name>
    <message>
        <source>Your name</source>
        <translation>आपका नाम</translation>
    </message>
    <message>
        <source>The clerk who keeps the records on this computer.</source>
        <translation>इस कंप्यूटर पर रिकॉर्ड रखने वाले लिपिक का नाम।</translation>
    </message>
    <message>
        <source>&amp;Clerk name *</source>
        <translation>लिपिक का नाम (&amp;C) *</translation>
    </message>
    <message>
        <source>Your full name, e.g. Ravi Patil</source>
        <translation>आपका पूरा नाम, जैसे रवि पाटिल</translation>
    </message>
    <message>
        <source>Every change saved in FieldDesk is recorded under this name. Another clerk can change it later in Settings.</source>
        <translation>FieldDesk में सहेजा गया हर परिवर्तन इसी नाम से दर्ज होता है। बाद में कोई अन्य लिपिक इसे सेटिंग्स में बदल सकता है।</translation>
    </message>
    <message>
        <source>Press Create office to set up:</source>
        <translation>‘कार्यालय बनाएँ’ दबाने पर यह सब तैयार होगा:</translation>
    </message>
    <message>
        <source>a signing key for this office</source>
        <translation>इस कार्यालय की हस्ताक्षर कुंजी</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>&amp;Dashboard</source>
        <translation>डैशबोर्ड (&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Print preview…</source>
        <translation>प्रिंट पूर्वावलोकन (&amp;P)…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>PDF में सहेजें (&amp;D)…</translation>
    </message>
    <message>
        <source>Scrap disposal revenue</source>
        <translation>स्क्रैप निपटान से राजस्व</translation>
    </message>
    <message>
        <source>Space freed</source>
        <translation>मुक्त कराया गया स्थान</translation>
    </message>
    <message>
        <source>Cleanliness sites</source>
        <translation>स्वच्छता स्थल</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>कार्यक्रम</translation>
    </message>
    <message>
        <source>Achievement as % of target</source>
        <translation>उपलब्धि (लक्ष्य का %)</translation>
    </message>
    <message numerus="yes">
        <source>%1, %2 days left</source>
        <translation>
            <numerusform>%1, %2 दिन शेष</numerusform>
            <numerusform>%1, %2 दिन शेष</numerusform>
        </translation>
    </message>
    <message>
        <source>Campaign not started</source>
        <translation>अभियान अभी शुरू नहीं हुआ</translation>
    </message>
    <message>
        <source>Campaign ended</source>
        <translation>अभियान समाप्त</translation>
    </message>
    <message>
        <source>%1 — %2 · as on %3</source>
        <translation>%1 — %2 · %3 की स्थिति</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 disposals</source>
        <translation>
            <numerusform>%1 · %2 निपटान</numerusform>
            <numerusform>%1 · %2 निपटान</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 sq ft</source>
        <translation>%1 वर्ग फुट</translation>
    </message>
    <message>
        <source>%1 of %2 completed</source>
        <translation>%2 में से %1 पूर्ण</translation>
    </message>
    <message numerus="yes">
        <source>%1 participants</source>
        <translation>
            <numerusform>%1 प्रतिभागी</numerusform>
            <numerusform>%1 प्रतिभागी</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>dd.mm.yyyy</source>
        <translation>दि.मा.वर्ष</translation>
    </message>
    <message>
        <source>Calendar (Alt+Down)</source>
        <translation>कैलेंडर (Alt+Down)</translation>
    </message>
    <message>
        <source>Type the date in one go, e.g. 06122026 or 06.12.2026</source>
        <translation>पूरा दिनांक एक साथ लिखें, जैसे 06122026 या 06.12.2026</translation>
    </message>
</context>
<context>
    <name>EventForm</name>
    <message>
        <source>D&amp;ate</source>
        <translation>दिनांक (&amp;A)</translation>
    </message>
    <message>
        <source>T&amp;ype</source>
        <translation>प्रकार (&amp;Y)</translation>
    </message>
    <message>
        <source>Tit&amp;le</source>
        <translation>शीर्षक (&amp;L)</translation>
    </message>
    <message>
        <source>e.g. Swachhata pledge by all staff</source>
        <translation>जैसे सभी कर्मचारियों द्वारा स्वच्छता शपथ</translation>
    </message>
    <message>
        <source>&amp;Venue</source>
        <translation>आयोजन स्थल (&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Participants</source>
        <translation>प्रतिभागी (&amp;P)</translation>
    </message>
    <message>
        <source>Des&amp;cription</source>
        <translation>विवरण (&amp;C)</translation>
    </message>
    <message>
        <source>Shift+Enter for a new line</source>
        <translation>नई पंक्ति के लिए Shift+Enter</translation>
    </message>
    <message>
        <source>New event</source>
        <translation>नया कार्यक्रम</translation>
    </message>
    <message>
        <source>Edit event: %1</source>
        <translation>कार्यक्रम बदलें: %1</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <source>E&amp;vents</source>
        <translation>कार्यक्रम (&amp;V)</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>सभी प्रकार</translation>
    </message>
    <message>
        <source>Title, venue or description</source>
        <translation>शीर्षक, आयोजन स्थल या विवरण</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <source>E&amp;xport</source>
        <translation>निर्यात (&amp;X)</translation>
    </message>
    <message>
        <source>Export a signed bundle for headquarters</source>
        <translation>मुख्यालय के लिए हस्ताक्षरित बंडल निर्यात करें</translation>
    </message>
    <message>
        <source>The next bundle will carry</source>
        <translation>अगले बंडल में होंगे</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>विकल्प</translation>
    </message>
    <message>
        <source>Send &amp;all photos again (not only new ones)</source>
        <translation>सभी फ़ोटो दोबारा भेजें (केवल नई नहीं) (&amp;A)</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>कोई सीमा नहीं</translation>
    </message>
    <message>
        <source>%1 MB (for e-mail)</source>
        <translation>%1 MB (ई-मेल के लिए)</translation>
    </message>
    <message>
        <source>Save in:</source>
        <translation>यहाँ सहेजें:</translation>
    </message>
    <message>
        <source>La&amp;rgest file:</source>
        <translation>फ़ाइल का अधिकतम आकार (&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>बदलें (&amp;C)…</translation>
    </message>
    <message>
        <source>E&amp;xport bundle</source>
        <translation>बंडल निर्यात करें (&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Verify a bundle…</source>
        <translation>बंडल सत्यापित करें (&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>फ़ोल्डर खोलें (&amp;O)</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>निर्यात इतिहास</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>क्रम</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>भाग</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>दिनांक</translation>
    </message>
    <message>
        <source>File</source>
        <translation>फ़ाइल</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>आकार</translation>
    </message>
    <message>
        <source>Manifest SHA-256</source>
        <translation>मैनिफ़ेस्ट SHA-256</translation>
    </message>
    <message>
        <source>Bundle no. %1: %2; %3 (%4 sent earlier). Estimated size %5.</source>
        <translation>बंडल सं. %1: %2; %3 (%4 पहले भेजे गए)। अनुमानित आकार %5।</translation>
    </message>
    <message numerus="yes">
        <source>%1 new photos</source>
        <translation>
            <numerusform>%1 नया फ़ोटो</numerusform>
            <numerusform>%1 नए फ़ोटो</numerusform>
        </translation>
    </message>
    <message>
        <source>Verified: %1, office %2, bundle no. %3, %4. The signature and every file are intact.</source>
        <translation>सत्यापित: %1, कार्यालय %2, बंडल सं. %3, %4। हस्ताक्षर और सभी फ़ाइलें सही हैं।</translation>
    </message>
    <message>
        <source>Save bundles in</source>
        <translation>बंडल कहाँ सहेजें</translation>
    </message>
    <message>
        <source>%1

The bundle will be dated by this clock. Export anyway?</source>
        <translation>%1

बंडल पर इसी घड़ी का दिनांक लगेगा। फिर भी निर्यात करें?</translation>
    </message>
    <message>
        <source>Not exported: set the PC&apos;s date and time first.</source>
        <translation>निर्यात नहीं हुआ: पहले कंप्यूटर का दिनांक और समय ठीक करें।</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>निर्यात हो रहा है…</translation>
    </message>
    <message>
        <source>Exporting the bundle</source>
        <translation>बंडल निर्यात हो रहा है</translation>
    </message>
    <message>
        <source>Exported:
%1</source>
        <translation>निर्यात हो गया:
%1</translation>
    </message>
    <message>
        <source>Export cancelled. Nothing was written.</source>
        <translation>निर्यात रद्द किया गया। कुछ भी नहीं लिखा गया।</translation>
    </message>
    <message>
        <source>Sorry, something went wrong. Your data is safe; the details are in the log.</source>
        <translation>क्षमा करें, कोई त्रुटि हुई। आपका डेटा सुरक्षित है; विवरण लॉग में है।</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>निर्यात</translation>
    </message>
    <message>
        <source>Verify a bundle</source>
        <translation>बंडल सत्यापित करें</translation>
    </message>
    <message>
        <source>Bundles (*.zip)</source>
        <translation>बंडल (*.zip)</translation>
    </message>
    <message>
        <source>Verifying the bundle</source>
        <translation>बंडल का सत्यापन हो रहा है</translation>
    </message>
    <message numerus="yes">
        <source>%1 files</source>
        <translation>
            <numerusform>%1 फ़ाइल</numerusform>
            <numerusform>%1 फ़ाइलें</numerusform>
        </translation>
    </message>
    <message>
        <source>Sorry, something went wrong while verifying.</source>
        <translation>क्षमा करें, सत्यापन के दौरान कोई त्रुटि हुई।</translation>
    </message>
    <message>
        <source>Verification FAILED: %1</source>
        <translation>सत्यापन विफल: %1</translation>
    </message>
</context>
<context>
    <name>FiguresPage</name>
    <message>
        <source>Changes undone.</source>
        <translation>परिवर्तन वापस लिए गए।</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>FieldDesk — set up this office</source>
        <translation>FieldDesk — इस कार्यालय का सेट-अप</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; पीछे (&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>आगे (&amp;N) &gt;</translation>
    </message>
    <message>
        <source>C&amp;reate office</source>
        <translation>कार्यालय बनाएँ (&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>समाप्त (&amp;F)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Set-up failed</source>
        <translation>सेट-अप विफल</translation>
    </message>
</context>
<context>
    <name>FromHQ</name>
    <message>
        <source>Unsaved changes</source>
        <translation>बिना सहेजे बदलाव</translation>
    </message>
    <message>
        <source>A page has changes that are not saved. Discard them?</source>
        <translation>एक पृष्ठ पर बदलाव सहेजे नहीं गए हैं। उन्हें छोड़ दें?</translation>
    </message>
    <message>
        <source>Campaign from headquarters</source>
        <translation>मुख्यालय से अभियान</translation>
    </message>
    <message>
        <source>Import a campaign file</source>
        <translation>अभियान फ़ाइल आयात करें</translation>
    </message>
    <message>
        <source>Campaign files (*.fdcampaign)</source>
        <translation>अभियान फ़ाइलें (*.fdcampaign)</translation>
    </message>
    <message>
        <source>This office already has %1, version %2: nothing to change.</source>
        <translation>इस कार्यालय के पास पहले से %1, संस्करण %2 है: बदलने को कुछ नहीं।</translation>
    </message>
    <message>
        <source>The key was not trusted: nothing was changed.</source>
        <translation>कुंजी पर भरोसा नहीं किया गया: कुछ भी नहीं बदला गया।</translation>
    </message>
    <message>
        <source>%1 is now the current campaign.</source>
        <translation>%1 अब वर्तमान अभियान है।</translation>
    </message>
    <message>
        <source>%1 is now version %2; every entry was kept.</source>
        <translation>%1 अब संस्करण %2 है; हर प्रविष्टि रखी गई।</translation>
    </message>
    <message>
        <source>Receipts from headquarters</source>
        <translation>मुख्यालय की रसीदें</translation>
    </message>
    <message>
        <source>Import receipts</source>
        <translation>रसीदें आयात करें</translation>
    </message>
    <message>
        <source>Receipts (*.fdreceipt)</source>
        <translation>रसीदें (*.fdreceipt)</translation>
    </message>
    <message>
        <source>%1 (bundle no. %2): accepted by headquarters</source>
        <translation>%1 (बंडल सं. %2): मुख्यालय ने स्वीकार किया</translation>
    </message>
    <message>
        <source>%1 (bundle no. %2): rejected by headquarters: %3</source>
        <translation>%1 (बंडल सं. %2): मुख्यालय ने अस्वीकार किया: %3</translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <source>Office created</source>
        <translation>कार्यालय बन गया</translation>
    </message>
    <message>
        <source>One last step: give headquarters your office&apos;s public key.</source>
        <translation>अंतिम चरण: अपने कार्यालय की सार्वजनिक कुंजी मुख्यालय को दें।</translation>
    </message>
    <message>
        <source>This is your office key&apos;s fingerprint. Headquarters registers your public key and reads this fingerprint back to you over the phone: both must match exactly.</source>
        <translation>यह आपके कार्यालय की कुंजी का फ़िंगरप्रिंट है। मुख्यालय आपकी सार्वजनिक कुंजी दर्ज करके यह फ़िंगरप्रिंट फ़ोन पर आपको पढ़कर सुनाएगा: दोनों बिलकुल एक जैसे होने चाहिए।</translation>
    </message>
    <message>
        <source>&amp;Save public key for headquarters…</source>
        <translation>मुख्यालय के लिए सार्वजनिक कुंजी सहेजें (&amp;S)…</translation>
    </message>
    <message>
        <source>Send the saved .pub.pem file to headquarters by e-mail or pen drive. The private key stays in the data folder on this computer: never send it to anyone.</source>
        <translation>सहेजी गई .pub.pem फ़ाइल ई-मेल या पेन ड्राइव से मुख्यालय भेजें। निजी कुंजी इसी कंप्यूटर के डेटा फ़ोल्डर में रहती है: इसे कभी किसी को न भेजें।</translation>
    </message>
    <message>
        <source>Save public key for headquarters</source>
        <translation>मुख्यालय के लिए सार्वजनिक कुंजी सहेजें</translation>
    </message>
    <message>
        <source>Public key (*.pem)</source>
        <translation>सार्वजनिक कुंजी (*.pem)</translation>
    </message>
    <message>
        <source>Could not save the public key: %1</source>
        <translation>सार्वजनिक कुंजी सहेजी नहीं जा सकी: %1</translation>
    </message>
    <message>
        <source>Public key saved: %1</source>
        <translation>सार्वजनिक कुंजी सहेजी गई: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>FieldDesk — %1</source>
        <translation>FieldDesk — %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>फ़ाइल (&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>संपादन (&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>जाएँ (&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>सहायता (&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Export bundle…</source>
        <translation>बंडल निर्यात करें (&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Print preview of the summary…</source>
        <translation>सारांश का प्रिंट पूर्वावलोकन (&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>बाहर निकलें (&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Import campaign file…</source>
        <translation>अभियान फ़ाइल आयात करें… (&amp;I)</translation>
    </message>
    <message>
        <source>Import &amp;receipts…</source>
        <translation>रसीदें आयात करें… (&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Campaigns…</source>
        <translation>अभियान… (&amp;C)</translation>
    </message>
    <message>
        <source>&amp;New record</source>
        <translation>नई प्रविष्टि (&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>खोजें (&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>सहेजें (&amp;S)</translation>
    </message>
    <message>
        <source>&amp;About FieldDesk</source>
        <translation>FieldDesk के बारे में (&amp;A)</translation>
    </message>
    <message>
        <source>You are viewing an earlier campaign, %1: its records can be viewed, exported and printed, not changed. File &gt; Campaigns (Alt+F, C) goes back to the current one.</source>
        <translation>आप एक पिछला अभियान देख रहे हैं, %1: इसकी प्रविष्टियाँ देखी, निर्यात और मुद्रित की जा सकती हैं, बदली नहीं जा सकतीं। फ़ाइल &gt; अभियान (Alt+F, C) से वर्तमान अभियान पर लौटें।</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 days left</source>
        <translation>
            <numerusform>%1 · %2 दिन शेष</numerusform>
            <numerusform>%1 · %2 दिन शेष</numerusform>
        </translation>
    </message>
    <message>
        <source>Outside the campaign dates</source>
        <translation>अभियान की अवधि से बाहर</translation>
    </message>
    <message>
        <source>Last export: seq %1 on %2</source>
        <translation>अंतिम निर्यात: क्रम %1, %2 को</translation>
    </message>
    <message>
        <source>Not exported yet</source>
        <translation>अभी तक निर्यात नहीं हुआ</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>बिना सहेजे परिवर्तन</translation>
    </message>
    <message>
        <source>This page has changes that are not saved. Discard them?</source>
        <translation>इस पृष्ठ पर कुछ परिवर्तन सहेजे नहीं गए हैं। क्या उन्हें छोड़ दें?</translation>
    </message>
    <message>
        <source>About FieldDesk</source>
        <translation>FieldDesk के बारे में</translation>
    </message>
    <message>
        <source>FieldDesk %1
Data folder: %2</source>
        <translation>FieldDesk %1
डेटा फ़ोल्डर: %2</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <source>Your office</source>
        <translation>आपका कार्यालय</translation>
    </message>
    <message>
        <source>As it should appear on the reports headquarters receives.</source>
        <translation>विवरण वैसा ही भरें जैसा मुख्यालय को भेजी जाने वाली रिपोर्टों में दिखना चाहिए।</translation>
    </message>
    <message>
        <source>Office &amp;code *</source>
        <translation>कार्यालय कोड (&amp;C) *</translation>
    </message>
    <message>
        <source>Office na&amp;me *</source>
        <translation>कार्यालय का नाम (&amp;M) *</translation>
    </message>
    <message>
        <source>Minis&amp;try / organisation</source>
        <translation>मंत्रालय / संगठन (&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Parent office</source>
        <translation>नियंत्रक कार्यालय (&amp;P)</translation>
    </message>
    <message>
        <source>&amp;State</source>
        <translation>राज्य (&amp;S)</translation>
    </message>
    <message>
        <source>&amp;District</source>
        <translation>ज़िला (&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>पता (&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Head of office</source>
        <translation>कार्यालय प्रमुख (&amp;H)</translation>
    </message>
    <message>
        <source>Noda&amp;l officer</source>
        <translation>नोडल अधिकारी (&amp;L)</translation>
    </message>
    <message>
        <source>Ph&amp;one</source>
        <translation>फ़ोन (&amp;O)</translation>
    </message>
    <message>
        <source>e.g. DL-042 (as given by headquarters)</source>
        <translation>जैसे DL-042 (मुख्यालय द्वारा दिया गया)</translation>
    </message>
    <message>
        <source>e.g. Regional Office, Delhi</source>
        <translation>जैसे क्षेत्रीय कार्यालय, दिल्ली</translation>
    </message>
    <message>
        <source>e.g. Ministry of Rural Development</source>
        <translation>जैसे ग्रामीण विकास मंत्रालय</translation>
    </message>
    <message>
        <source>e.g. Zonal Office, North</source>
        <translation>जैसे आंचलिक कार्यालय, उत्तर</translation>
    </message>
    <message>
        <source>Name and designation</source>
        <translation>नाम और पदनाम</translation>
    </message>
    <message>
        <source>e.g. 011-2338-0142</source>
        <translation>जैसे 011-2338-0142</translation>
    </message>
    <message>
        <source>The short code headquarters gave your office; it names your bundles and reports. 2 to 20 capital letters, digits or hyphens, e.g. DL-042 or MH-PUNE-03.</source>
        <translation>मुख्यालय द्वारा आपके कार्यालय को दिया गया छोटा कोड; यह आपके बंडलों और रिपोर्टों पर आता है। 2 से 20 अंग्रेज़ी बड़े अक्षर (A-Z), अंक या हाइफ़न (-), जैसे DL-042 या MH-PUNE-03।</translation>
    </message>
    <message>
        <source>Fields marked * are required. Tab moves between fields, Enter goes on to the next step.</source>
        <translation>* वाले फ़ील्ड आवश्यक हैं। Tab फ़ील्डों के बीच ले जाता है, Enter अगले चरण पर।</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>%1 photos</source>
        <translation>फ़ोटो: %1</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>फ़ोटो</translation>
    </message>
    <message>
        <source>Attach photos…</source>
        <translation>फ़ोटो जोड़ें…</translation>
    </message>
    <message>
        <source>Save the record first, then attach photos.</source>
        <translation>पहले प्रविष्टि सहेजें, फिर फ़ोटो जोड़ें।</translation>
    </message>
    <message>
        <source>Choose photo files (%1), or drop them on the strip</source>
        <translation>फ़ोटो फ़ाइलें चुनें (%1), या उन्हें पट्टी पर छोड़ें</translation>
    </message>
    <message>
        <source>%1 saves the record and attaches photos to it.</source>
        <translation>%1 प्रविष्टि सहेजकर उसमें फ़ोटो जोड़ता है।</translation>
    </message>
    <message>
        <source>No photos yet: %1 attaches them, or drop image files here.</source>
        <translation>अभी कोई फ़ोटो नहीं: %1 से जोड़ें, या चित्र फ़ाइलें यहाँ छोड़ें।</translation>
    </message>
    <message>
        <source>Arrows choose a photo, Enter opens it, Delete detaches it; %1 attaches more.</source>
        <translation>तीर कुंजियाँ फ़ोटो चुनती हैं, Enter उसे खोलता है, Delete उसे हटाता है; %1 और फ़ोटो जोड़ता है।</translation>
    </message>
    <message>
        <source>Taken %1</source>
        <translation>ली गई: %1</translation>
    </message>
    <message>
        <source>The photo file is missing from the photo folder.</source>
        <translation>फ़ोटो फ़ाइल फ़ोटो फ़ोल्डर में नहीं है।</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>खोलें (&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Detach photo</source>
        <translation>फ़ोटो अलग करें (&amp;D)</translation>
    </message>
    <message>
        <source>Detach photo</source>
        <translation>फ़ोटो अलग करें</translation>
    </message>
    <message>
        <source>Detach this photo from the record? The photo file is kept and the change is audited.</source>
        <translation>क्या यह फ़ोटो इस प्रविष्टि से अलग करें? फ़ोटो फ़ाइल रखी रहेगी और यह परिवर्तन इतिहास में दर्ज होगा।</translation>
    </message>
    <message>
        <source>Attach photos</source>
        <translation>फ़ोटो जोड़ें</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>चित्र (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>सभी फ़ाइलें (*)</translation>
    </message>
    <message>
        <source>Attaching photos</source>
        <translation>फ़ोटो जोड़ी जा रही हैं</translation>
    </message>
    <message>
        <source>Some photos were not attached</source>
        <translation>कुछ फ़ोटो नहीं जोड़ी गईं</translation>
    </message>
    <message numerus="yes">
        <source>%1 file(s) were not attached:</source>
        <translation>
            <numerusform>%1 फ़ाइल नहीं जोड़ी गई:</numerusform>
            <numerusform>%1 फ़ाइलें नहीं जोड़ी गईं:</numerusform>
        </translation>
    </message>
    <message>
        <source>Photos not attached</source>
        <translation>फ़ोटो नहीं जोड़ी गईं</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>The photo file is missing or cannot be read.</source>
        <translation>फ़ोटो फ़ाइल नहीं मिली या पढ़ी नहीं जा सकती।</translation>
    </message>
</context>
<context>
    <name>PhotosPage</name>
    <message>
        <source>P&amp;hotos</source>
        <translation>फ़ोटो (&amp;H)</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>फ़ोटो</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>दिखाएँ (&amp;S):</translation>
    </message>
    <message>
        <source>All photos</source>
        <translation>सभी फ़ोटो</translation>
    </message>
    <message>
        <source>Cleanliness sites</source>
        <translation>स्वच्छता स्थल</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>कार्यक्रम</translation>
    </message>
    <message>
        <source>Scrap disposal</source>
        <translation>स्क्रैप निपटान</translation>
    </message>
    <message>
        <source>&amp;Caption:</source>
        <translation>कैप्शन (&amp;C):</translation>
    </message>
    <message>
        <source>Save caption</source>
        <translation>कैप्शन सहेजें</translation>
    </message>
    <message>
        <source>&amp;Open full size</source>
        <translation>पूरे आकार में खोलें (&amp;O)</translation>
    </message>
    <message>
        <source>Data-quality warnings</source>
        <translation>डेटा गुणवत्ता चेतावनियाँ</translation>
    </message>
    <message>
        <source>No warnings.</source>
        <translation>कोई चेतावनी नहीं।</translation>
    </message>
    <message>
        <source>Select a photo</source>
        <translation>कोई फ़ोटो चुनें</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>अज्ञात</translation>
    </message>
    <message>
        <source>no position</source>
        <translation>GPS स्थान नहीं</translation>
    </message>
    <message>
        <source>%1 · taken %2 · %3 · %4 KB</source>
        <translation>%1 · ली गई %2 · %3 · %4 KB</translation>
    </message>
</context>
<context>
    <name>PrintSummary</name>
    <message>
        <source>Print preview: campaign summary</source>
        <translation>प्रिंट पूर्वावलोकन: अभियान सारांश</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>प्रिंट पूर्वावलोकन</translation>
    </message>
    <message>
        <source>Save summary as PDF</source>
        <translation>सारांश PDF में सहेजें</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF फ़ाइलें (*.pdf)</translation>
    </message>
    <message>
        <source>Summary saved</source>
        <translation>सारांश सहेजा गया</translation>
    </message>
    <message>
        <source>Sorry, the summary could not be written.</source>
        <translation>क्षमा करें, सारांश नहीं लिखा जा सका।</translation>
    </message>
    <message>
        <source>Summary not saved</source>
        <translation>सारांश नहीं सहेजा गया</translation>
    </message>
    <message>
        <source>Writing the summary…</source>
        <translation>सारांश लिखा जा रहा है…</translation>
    </message>
</context>
<context>
    <name>ProgressModel</name>
    <message>
        <source>Indicator</source>
        <translation>संकेतक</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>लक्ष्य</translation>
    </message>
    <message>
        <source>This day</source>
        <translation>इस दिन</translation>
    </message>
    <message>
        <source>Before
this day</source>
        <translation>इस दिन
से पहले</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>टिप्पणी</translation>
    </message>
    <message>
        <source>Up to
this day</source>
        <translation>इस दिन
तक</translation>
    </message>
    <message>
        <source>% of
target</source>
        <translation>लक्ष्य
का %</translation>
    </message>
    <message>
        <source>From the scrap register</source>
        <translation>स्क्रैप रजिस्टर से</translation>
    </message>
    <message>
        <source>From the sites register</source>
        <translation>स्थल रजिस्टर से</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>जाँच</translation>
    </message>
    <message>
        <source>From the events register</source>
        <translation>कार्यक्रम रजिस्टर से</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <source>Daily &amp;progress</source>
        <translation>दैनिक प्रगति (&amp;P)</translation>
    </message>
    <message>
        <source>Daily progress</source>
        <translation>दैनिक प्रगति</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>दिनांक (&amp;D):</translation>
    </message>
    <message>
        <source>◀ P&amp;revious day</source>
        <translation>◀ पिछला दिन (&amp;R)</translation>
    </message>
    <message>
        <source>Ne&amp;xt day ▶</source>
        <translation>अगला दिन (&amp;X) ▶</translation>
    </message>
    <message>
        <source>T&amp;oday</source>
        <translation>आज (&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Save this day</source>
        <translation>यह दिन सहेजें (&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Undo changes</source>
        <translation>परिवर्तन वापस लें (&amp;U)</translation>
    </message>
    <message>
        <source>Go back to the saved figures (Esc)</source>
        <translation>सहेजे गए आँकड़ों पर वापस जाएँ (Esc)</translation>
    </message>
    <message>
        <source>Save every figure of this day (Ctrl+Enter or Ctrl+S)</source>
        <translation>इस दिन के सभी आँकड़े सहेजें (Ctrl+Enter या Ctrl+S)</translation>
    </message>
    <message>
        <source>Type the day in one go (06122026 or 06.12.2026) and press Enter; Up and Down step a day</source>
        <translation>दिनांक एक साथ लिखें (06122026 या 06.12.2026) और Enter दबाएँ; Up और Down एक दिन आगे-पीछे करते हैं</translation>
    </message>
    <message>
        <source>Type what was achieved on this day: Enter goes to the next figure, Tab to the remark. Totals and % change as you type. Enter on the last figure or Ctrl+Enter saves the whole day, Esc undoes; Ctrl+Tab leaves the table. Clear a figure to remove it.</source>
        <translation>इस दिन की उपलब्धि लिखें: Enter अगले आँकड़े पर, Tab टिप्पणी पर ले जाता है। योग और % लिखते ही बदलते हैं। अंतिम आँकड़े पर Enter या Ctrl+Enter पूरा दिन सहेजता है, Esc परिवर्तन वापस लेता है; Ctrl+Tab तालिका से बाहर ले जाता है। आँकड़ा हटाने के लिए उसे खाली करें।</translation>
    </message>
    <message>
        <source>Grey rows are counted from the scrap disposal, cleanliness sites and events registers: record them on those pages.</source>
        <translation>धूसर पंक्तियाँ स्क्रैप निपटान, स्वच्छता स्थल और कार्यक्रम रजिस्टरों से गिनी जाती हैं: उन्हें उन्हीं पृष्ठों पर दर्ज करें।</translation>
    </message>
    <message>
        <source>%1 starts on %2: daily progress can be entered from that day.</source>
        <translation>%1 %2 को शुरू होगा: दैनिक प्रगति उसी दिन से दर्ज की जा सकती है।</translation>
    </message>
    <message>
        <source>between the phases</source>
        <translation>दो चरणों के बीच</translation>
    </message>
    <message>
        <source>Still showing %1.</source>
        <translation>अभी भी %1 के आँकड़े दिख रहे हैं।</translation>
    </message>
    <message>
        <source>Unsaved figures</source>
        <translation>बिना सहेजे आँकड़े</translation>
    </message>
    <message>
        <source>The figures typed for %1 are not saved. Save them before showing %2?</source>
        <translation>%1 के लिए लिखे गए आँकड़े सहेजे नहीं गए हैं। %2 दिखाने से पहले उन्हें सहेजें?</translation>
    </message>
    <message>
        <source>Correct the figures marked in red; nothing was saved.</source>
        <translation>लाल रंग से चिह्नित आँकड़े ठीक करें; कुछ भी सहेजा नहीं गया।</translation>
    </message>
    <message>
        <source>No changes to save.</source>
        <translation>सहेजने के लिए कोई परिवर्तन नहीं।</translation>
    </message>
    <message>
        <source>Figures not saved</source>
        <translation>आँकड़े सहेजे नहीं गए</translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 figure(s) for %2.</source>
        <translation>
            <numerusform>%2 का %1 आँकड़ा सहेजा गया।</numerusform>
            <numerusform>%2 के %1 आँकड़े सहेजे गए।</numerusform>
        </translation>
    </message>
    <message>
        <source>Unusually large figures</source>
        <translation>असामान्य रूप से बड़े आँकड़े</translation>
    </message>
    <message>
        <source>These figures are unusually large for one day. Save them anyway?</source>
        <translation>ये आँकड़े एक दिन के लिए असामान्य रूप से बड़े हैं। फिर भी सहेजें?</translation>
    </message>
    <message>
        <source>Not saved: check the figures marked in orange.</source>
        <translation>नहीं सहेजा गया: नारंगी रंग में चिह्नित आँकड़े जाँचें।</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>कुछ भी सहेजा नहीं गया।</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>Save</source>
        <translation>सहेजें</translation>
    </message>
    <message>
        <source>Save the record (Ctrl+Enter or Ctrl+S; Enter on the last field)</source>
        <translation>प्रविष्टि सहेजें (Ctrl+Enter या Ctrl+S; अंतिम फ़ील्ड पर Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Discard the changes (Esc)</source>
        <translation>परिवर्तन छोड़ दें (Esc)</translation>
    </message>
    <message>
        <source>No changes to save.</source>
        <translation>सहेजने के लिए कोई परिवर्तन नहीं।</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>सहेजा नहीं गया</translation>
    </message>
    <message>
        <source>Saved: %1. Type the next record, or press %2 to attach photos to the one just saved.</source>
        <translation>सहेजा गया: %1। अगली प्रविष्टि लिखें, या अभी सहेजी गई प्रविष्टि में फ़ोटो जोड़ने के लिए %2 दबाएँ।</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>सहेजा गया।</translation>
    </message>
    <message>
        <source>Type the record first; its photos are attached once it is saved.</source>
        <translation>पहले प्रविष्टि लिखें; उसके सहेजे जाने के बाद फ़ोटो जुड़ते हैं।</translation>
    </message>
    <message>
        <source>Not saved: correct the fields marked in red.</source>
        <translation>सहेजा नहीं गया: लाल रंग से चिह्नित फ़ील्ड ठीक करें।</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>परिवर्तन छोड़ें</translation>
    </message>
    <message>
        <source>Discard the changes to this record?</source>
        <translation>क्या इस प्रविष्टि में किए गए परिवर्तन छोड़ दें?</translation>
    </message>
</context>
<context>
    <name>RegisterFilters</name>
    <message>
        <source>Search:</source>
        <translation>खोजें:</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>दिखाएँ (&amp;S):</translation>
    </message>
    <message>
        <source>Fr&amp;om:</source>
        <translation>से (&amp;O):</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>तक (&amp;T):</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>कोई भी दिनांक</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>फ़िल्टर हटाएँ</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <source>&amp;New</source>
        <translation>नया (&amp;N)</translation>
    </message>
    <message>
        <source>Add a record (Ctrl+N)</source>
        <translation>नई प्रविष्टि जोड़ें (Ctrl+N)</translation>
    </message>
    <message>
        <source>Ed&amp;it</source>
        <translation>बदलें (&amp;I)</translation>
    </message>
    <message>
        <source>Edit the selected record (Enter or double-click)</source>
        <translation>चुनी गई प्रविष्टि बदलें (Enter या डबल-क्लिक)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>हटाएँ (&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected record (Delete key); it stays in the audit trail</source>
        <translation>चुनी गई प्रविष्टि हटाएँ (Delete कुंजी); यह परिवर्तन इतिहास में बनी रहती है</translation>
    </message>
    <message numerus="yes">
        <source>%1 record(s)</source>
        <translation>
            <numerusform>%1 प्रविष्टि</numerusform>
            <numerusform>%1 प्रविष्टियाँ</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>बिना सहेजे परिवर्तन</translation>
    </message>
    <message>
        <source>The form has changes that are not saved. Discard them?</source>
        <translation>फ़ॉर्म में कुछ परिवर्तन सहेजे नहीं गए हैं। क्या उन्हें छोड़ दें?</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>प्रविष्टि नहीं मिली</translation>
    </message>
    <message>
        <source>Delete record</source>
        <translation>प्रविष्टि हटाएँ</translation>
    </message>
    <message>
        <source>Delete this record? It stays in the audit trail.</source>
        <translation>क्या यह प्रविष्टि हटाएँ? यह परिवर्तन इतिहास में बनी रहेगी।</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>प्रविष्टि हटाई नहीं गई</translation>
    </message>
    <message>
        <source>Saved. The cursor is back in the list: Enter edits a record, Ctrl+N starts a new one.</source>
        <translation>सहेजा गया। कर्सर सूची में लौट आया है: Enter प्रविष्टि संपादित करता है, Ctrl+N नई प्रविष्टि शुरू करता है।</translation>
    </message>
</context>
<context>
    <name>RegisterTableModel</name>
    <message>
        <source>Date</source>
        <translation>दिनांक</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>वस्तु</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>श्रेणी</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>मात्रा</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>राजस्व</translation>
    </message>
    <message>
        <source>Sq ft freed</source>
        <translation>मुक्त वर्ग फुट</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>तरीका</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>खरीदार</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>रसीद सं.</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>स्थल</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>स्थान</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>स्थिति</translation>
    </message>
    <message>
        <source>Target date</source>
        <translation>लक्ष्य दिनांक</translation>
    </message>
    <message>
        <source>Completed on</source>
        <translation>पूर्ण होने का दिनांक</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>टिप्पणी</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>प्रकार</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>शीर्षक</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>आयोजन स्थल</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>प्रतिभागी</translation>
    </message>
</context>
<context>
    <name>RemoteBox</name>
    <message>
        <source>Upload to headquarters</source>
        <translation>मुख्यालय को अपलोड</translation>
    </message>
    <message>
        <source>Headquarters&apos; &amp;address:</source>
        <translation>मुख्यालय का पता (&amp;A):</translation>
    </message>
    <message>
        <source>Paste the address headquarters sent you (Ctrl+V)</source>
        <translation>मुख्यालय द्वारा भेजा गया पता चिपकाएँ (Ctrl+V)</translation>
    </message>
    <message>
        <source>Headquarters&apos; &amp;key file:</source>
        <translation>मुख्यालय की कुंजी फ़ाइल (&amp;K):</translation>
    </message>
    <message>
        <source>HQ.pub.pem, from headquarters</source>
        <translation>HQ.pub.pem, मुख्यालय से प्राप्त</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>खोजें (&amp;B)…</translation>
    </message>
    <message>
        <source>Save address and ke&amp;y</source>
        <translation>पता और कुंजी सहेजें (&amp;Y)</translation>
    </message>
    <message>
        <source>Key fingerprint:</source>
        <translation>कुंजी की फ़िंगरप्रिंट:</translation>
    </message>
    <message>
        <source>not set yet</source>
        <translation>अभी दर्ज नहीं</translation>
    </message>
    <message>
        <source>Headquarters&apos; public key</source>
        <translation>मुख्यालय की सार्वजनिक कुंजी</translation>
    </message>
    <message>
        <source>Public keys (*.pem)</source>
        <translation>सार्वजनिक कुंजियाँ (*.pem)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a web address: write it like https://hq.example.gov.in/fielddesk</source>
        <translation>&apos;%1&apos; वेब पता नहीं है: इस प्रकार लिखें https://hq.example.gov.in/fielddesk</translation>
    </message>
    <message>
        <source>Choose headquarters&apos; key file (HQ.pub.pem): type its name or press Alt+B.</source>
        <translation>मुख्यालय की कुंजी फ़ाइल (HQ.pub.pem) चुनें: उसका नाम लिखें या Alt+B दबाएँ।</translation>
    </message>
    <message>
        <source>Saved. Read this fingerprint back to headquarters over the phone: both must match exactly. %1</source>
        <translation>सहेजा गया। यह फ़िंगरप्रिंट फ़ोन पर मुख्यालय को पढ़कर सुनाएँ: दोनों बिल्कुल एक जैसे होने चाहिए। %1</translation>
    </message>
</context>
<context>
    <name>ScrapForm</name>
    <message>
        <source>D&amp;ate</source>
        <translation>दिनांक (&amp;A)</translation>
    </message>
    <message>
        <source>Ite&amp;m</source>
        <translation>वस्तु (&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>श्रेणी (&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quantity</source>
        <translation>मात्रा (&amp;Q)</translation>
    </message>
    <message>
        <source>Unit: pick one or type another</source>
        <translation>इकाई: सूची से चुनें या कोई अन्य लिखें</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>इकाई</translation>
    </message>
    <message>
        <source>Mode of disposa&amp;l</source>
        <translation>निपटान का तरीका (&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Buyer</source>
        <translation>खरीदार (&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Receipt no.</source>
        <translation>रसीद सं. (&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;venue (Rs.)</source>
        <translation>राजस्व (रु.) (&amp;V)</translation>
    </message>
    <message>
        <source>Rupees, e.g. 6,91,389 or 691389.50</source>
        <translation>रुपये, जैसे 6,91,389 या 691389.50</translation>
    </message>
    <message>
        <source>S&amp;pace freed (sq ft)</source>
        <translation>मुक्त स्थान (वर्ग फुट) (&amp;P)</translation>
    </message>
    <message>
        <source>Remar&amp;ks</source>
        <translation>टिप्पणी (&amp;K)</translation>
    </message>
    <message>
        <source>Shift+Enter for a new line</source>
        <translation>नई पंक्ति के लिए Shift+Enter</translation>
    </message>
    <message>
        <source>e.g. Old desktop computers</source>
        <translation>जैसे पुराने डेस्कटॉप कंप्यूटर</translation>
    </message>
    <message>
        <source>New scrap disposal</source>
        <translation>नया स्क्रैप निपटान</translation>
    </message>
    <message>
        <source>Edit scrap disposal: %1</source>
        <translation>स्क्रैप निपटान बदलें: %1</translation>
    </message>
</context>
<context>
    <name>ScrapPage</name>
    <message>
        <source>Scr&amp;ap disposal</source>
        <translation>स्क्रैप निपटान (&amp;A)</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>सभी श्रेणियाँ</translation>
    </message>
    <message>
        <source>Item, buyer, receipt no. or remarks</source>
        <translation>वस्तु, खरीदार, रसीद सं. या टिप्पणी</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Setti&amp;ngs</source>
        <translation>सेटिंग्स (&amp;N)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>सेटिंग्स</translation>
    </message>
    <message>
        <source>You</source>
        <translation>आप</translation>
    </message>
    <message>
        <source>&amp;Language / भाषा:</source>
        <translation>Language / भाषा (&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Clerk name:</source>
        <translation>लिपिक का नाम (&amp;C):</translation>
    </message>
    <message>
        <source>Your full name, e.g. Ravi Patil</source>
        <translation>आपका पूरा नाम, जैसे रवि पाटिल</translation>
    </message>
    <message>
        <source>Every change you save is recorded in the audit trail under this name.</source>
        <translation>आपके द्वारा सहेजा गया हर परिवर्तन इसी नाम से परिवर्तन इतिहास में दर्ज होता है।</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>फ़ोटो</translation>
    </message>
    <message>
        <source>Photos are reduced to this size when they are added. 1600 px is clear enough for a report and keeps bundles small for slow connections.</source>
        <translation>जोड़ते समय फ़ोटो इस आकार तक छोटी की जाती हैं। 1600 px रिपोर्ट के लिए पर्याप्त साफ़ है और धीमे कनेक्शन के लिए बंडल को छोटा रखता है।</translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation>सेटिंग्स सहेजें (&amp;S)</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>डेटा</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>फ़ोल्डर खोलें (&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>बैकअप से पुनर्स्थापित करें (&amp;R)…</translation>
    </message>
    <message>
        <source>A backup is one file with the database, the photos and these settings. Keep a copy on a pen drive. The office&apos;s private signing key is never put in a backup.</source>
        <translation>बैकअप एक फ़ाइल होती है जिसमें डेटाबेस, फ़ोटो और ये सेटिंग्स होती हैं। इसकी एक प्रति पेन ड्राइव पर रखें। कार्यालय की निजी हस्ताक्षर कुंजी कभी बैकअप में नहीं रखी जाती।</translation>
    </message>
    <message>
        <source>Photo si&amp;ze (long edge):</source>
        <translation>फ़ोटो का आकार, लंबी भुजा (&amp;Z):</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>डेटा फ़ोल्डर (&amp;D):</translation>
    </message>
    <message>
        <source>Back &amp;up now…</source>
        <translation>अभी बैकअप लें (&amp;U)…</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>सेटिंग्स सहेजी गईं।</translation>
    </message>
    <message>
        <source>Back up to</source>
        <translation>बैकअप कहाँ सहेजें</translation>
    </message>
    <message>
        <source>FieldDesk backup (*.zip)</source>
        <translation>FieldDesk बैकअप (*.zip)</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>बैकअप लिया जा रहा है…</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>बैकअप लिया जा रहा है</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>बैकअप विफल</translation>
    </message>
    <message>
        <source>Backup saved: %1</source>
        <translation>बैकअप सहेजा गया: %1</translation>
    </message>
    <message>
        <source>Restore from</source>
        <translation>पुनर्स्थापना के लिए बैकअप चुनें</translation>
    </message>
    <message>
        <source>Replace all data?</source>
        <translation>क्या सारा डेटा बदल दें?</translation>
    </message>
    <message>
        <source>Restoring replaces ALL the data of this office — targets, daily progress, registers and photos — with the contents of %1.</source>
        <translation>पुनर्स्थापित करने पर इस कार्यालय का सारा का सारा डेटा — लक्ष्य, दैनिक प्रगति, रजिस्टर और फ़ोटो — %1 की सामग्री से बदल जाएगा।</translation>
    </message>
    <message>
        <source>Anything entered after that backup was made will be gone from the screens. The current data is first kept as a backup in %1.</source>
        <translation>उस बैकअप के बाद दर्ज की गई हर प्रविष्टि स्क्रीन से हट जाएगी। वर्तमान डेटा पहले %1 में बैकअप के रूप में रखा जाएगा।</translation>
    </message>
    <message>
        <source>&amp;Replace all data</source>
        <translation>सारा डेटा बदलें (&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>पुनर्स्थापित हो रहा है…</translation>
    </message>
    <message>
        <source>Restored %1. The data it replaced was kept in %2.</source>
        <translation>%1 पुनर्स्थापित किया गया। पहले का डेटा %2 में रखा गया है।</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>पुनर्स्थापित हो गया</translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation>पुनर्स्थापना विफल</translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation>पुनर्स्थापना हो रही है</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>रद्द किया गया।</translation>
    </message>
    <message>
        <source>Sorry, something went wrong. The details are in %1.</source>
        <translation>क्षमा करें, कोई त्रुटि हुई। विवरण %1 में है।</translation>
    </message>
</context>
<context>
    <name>SiteForm</name>
    <message>
        <source>Na&amp;me</source>
        <translation>नाम (&amp;M)</translation>
    </message>
    <message>
        <source>e.g. Record room, ground floor</source>
        <translation>जैसे अभिलेख कक्ष, भूतल</translation>
    </message>
    <message>
        <source>&amp;Location</source>
        <translation>स्थान (&amp;L)</translation>
    </message>
    <message>
        <source>G&amp;PS (optional)</source>
        <translation>GPS (वैकल्पिक) (&amp;P)</translation>
    </message>
    <message>
        <source>Latitude, e.g. 18.5308</source>
        <translation>अक्षांश, जैसे 18.5308</translation>
    </message>
    <message>
        <source>Longitude, e.g. 73.8475</source>
        <translation>देशांतर, जैसे 73.8475</translation>
    </message>
    <message>
        <source>Decimal degrees; a pasted &quot;18.5308, 73.8475&quot; fills both</source>
        <translation>दशमलव अंश में; &quot;18.5308, 73.8475&quot; चिपकाने पर दोनों भर जाते हैं</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>अक्षांश</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>देशांतर</translation>
    </message>
    <message>
        <source>St&amp;atus</source>
        <translation>स्थिति (&amp;A)</translation>
    </message>
    <message>
        <source>Ta&amp;rget date</source>
        <translation>लक्ष्य दिनांक (&amp;R)</translation>
    </message>
    <message>
        <source>Mark the site completed?</source>
        <translation>स्थल को पूर्ण चिह्नित करें?</translation>
    </message>
    <message>
        <source>An after photo is attached to %1, which is still marked %2. Mark it completed on %3?</source>
        <translation>%1 में बाद का फ़ोटो जोड़ा गया है, पर वह अभी भी &quot;%2&quot; चिह्नित है। क्या उसे %3 को पूर्ण चिह्नित करें?</translation>
    </message>
    <message>
        <source>If the work is not finished, answer No: the summary lists the site as in progress with its photos.</source>
        <translation>यदि काम पूरा नहीं हुआ है तो &quot;नहीं&quot; चुनें: सारांश में स्थल अपने फ़ोटो के साथ &quot;प्रगति पर&quot; दिखेगा।</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>नहीं सहेजा गया</translation>
    </message>
    <message>
        <source>Marked completed on %1.</source>
        <translation>%1 को पूर्ण चिह्नित किया गया।</translation>
    </message>
    <message>
        <source>&amp;Completed on</source>
        <translation>पूर्ण होने का दिनांक (&amp;C)</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>वैकल्पिक</translation>
    </message>
    <message>
        <source>Set when the status is Completed</source>
        <translation>स्थिति ‘पूर्ण’ होने पर भरें</translation>
    </message>
    <message>
        <source>Remar&amp;ks</source>
        <translation>टिप्पणी (&amp;K)</translation>
    </message>
    <message>
        <source>Shift+Enter for a new line</source>
        <translation>नई पंक्ति के लिए Shift+Enter</translation>
    </message>
    <message>
        <source>New cleanliness site</source>
        <translation>नया स्वच्छता स्थल</translation>
    </message>
    <message>
        <source>Edit cleanliness site: %1</source>
        <translation>स्वच्छता स्थल बदलें: %1</translation>
    </message>
</context>
<context>
    <name>SitesPage</name>
    <message>
        <source>&amp;Cleanliness sites</source>
        <translation>स्वच्छता स्थल (&amp;C)</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>सभी स्थितियाँ</translation>
    </message>
    <message>
        <source>Site name, location or remarks</source>
        <translation>स्थल का नाम, स्थान या टिप्पणी</translation>
    </message>
</context>
<context>
    <name>SummaryTableModel</name>
    <message>
        <source>Category</source>
        <translation>श्रेणी</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>लक्ष्य</translation>
    </message>
    <message>
        <source>Achievement</source>
        <translation>उपलब्धि</translation>
    </message>
    <message>
        <source>% of target</source>
        <translation>लक्ष्य का %</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>प्रगति</translation>
    </message>
</context>
<context>
    <name>TargetsModel</name>
    <message>
        <source>Indicator</source>
        <translation>संकेतक</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>लक्ष्य</translation>
    </message>
    <message>
        <source>Achieved
so far</source>
        <translation>अब तक
उपलब्धि</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>जाँच</translation>
    </message>
    <message>
        <source>% of
target</source>
        <translation>लक्ष्य
का %</translation>
    </message>
    <message>
        <source>Saved target: %1</source>
        <translation>सहेजा गया लक्ष्य: %1</translation>
    </message>
</context>
<context>
    <name>TargetsPage</name>
    <message>
        <source>&amp;Targets</source>
        <translation>लक्ष्य (&amp;T)</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>लक्ष्य</translation>
    </message>
    <message>
        <source>&amp;Reason for the change:</source>
        <translation>परिवर्तन का कारण (&amp;R):</translation>
    </message>
    <message>
        <source>e.g. revised after the review meeting of 14.10.2026</source>
        <translation>जैसे 14.10.2026 की समीक्षा बैठक के बाद संशोधित</translation>
    </message>
    <message>
        <source>&amp;Save targets</source>
        <translation>लक्ष्य सहेजें (&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Undo changes</source>
        <translation>परिवर्तन वापस लें (&amp;U)</translation>
    </message>
    <message>
        <source>Go back to the saved targets (Esc)</source>
        <translation>सहेजे गए लक्ष्यों पर वापस जाएँ (Esc)</translation>
    </message>
    <message>
        <source>Save all changed targets (Ctrl+Enter or Ctrl+S)</source>
        <translation>सभी बदले गए लक्ष्य सहेजें (Ctrl+Enter या Ctrl+S)</translation>
    </message>
    <message>
        <source>Type a target and press Enter for the next one. Numbers may be typed as 1,23,456 or 1.5 lakh. Enter on the last target or Ctrl+Enter saves, Esc undoes; Ctrl+Tab leaves the table.</source>
        <translation>लक्ष्य लिखें और अगले के लिए Enter दबाएँ। संख्याएँ 1,23,456 या 1.5 लाख के रूप में लिखी जा सकती हैं। अंतिम लक्ष्य पर Enter या Ctrl+Enter सहेजता है, Esc परिवर्तन वापस लेता है; Ctrl+Tab तालिका से बाहर ले जाता है।</translation>
    </message>
    <message>
        <source>%1 is an earlier campaign: its targets are shown here, not changed.</source>
        <translation>%1 एक पिछला अभियान है: इसके लक्ष्य यहाँ केवल दिखाए जाते हैं, बदले नहीं जा सकते।</translation>
    </message>
    <message>
        <source>The implementation phase started on %1, so the targets are fixed. A changed target needs a reason: it is kept with the target and in the audit trail, and headquarters sees it.</source>
        <translation>कार्यान्वयन चरण %1 को शुरू हो गया है, इसलिए लक्ष्य निर्धारित हो चुके हैं। लक्ष्य बदलने के लिए कारण देना आवश्यक है: कारण लक्ष्य के साथ और परिवर्तन इतिहास में रखा जाता है, और मुख्यालय इसे देखता है।</translation>
    </message>
    <message>
        <source>%1 — set the target for each indicator in the preparatory phase. Targets can be changed freely until the implementation phase starts on %2; after that a change needs a reason.</source>
        <translation>%1 — प्रारंभिक चरण में प्रत्येक संकेतक का लक्ष्य तय करें। %2 को कार्यान्वयन चरण शुरू होने तक लक्ष्य बिना कारण बदले जा सकते हैं; उसके बाद परिवर्तन के लिए कारण देना होगा।</translation>
    </message>
    <message>
        <source>Correct the targets marked in red; nothing was saved.</source>
        <translation>लाल रंग से चिह्नित लक्ष्य ठीक करें; कुछ भी सहेजा नहीं गया।</translation>
    </message>
    <message>
        <source>No changes to save.</source>
        <translation>सहेजने के लिए कोई परिवर्तन नहीं।</translation>
    </message>
    <message>
        <source>Targets not saved</source>
        <translation>लक्ष्य सहेजे नहीं गए</translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 target(s).</source>
        <translation>
            <numerusform>%1 लक्ष्य सहेजा गया।</numerusform>
            <numerusform>%1 लक्ष्य सहेजे गए।</numerusform>
        </translation>
    </message>
    <message>
        <source>Give the reason for the change; nothing was saved.</source>
        <translation>परिवर्तन का कारण लिखें; कुछ भी सहेजा नहीं गया।</translation>
    </message>
</context>
<context>
    <name>TemplatePage</name>
    <message>
        <source>Campaign</source>
        <translation>अभियान</translation>
    </message>
    <message>
        <source>Choose the campaign your office reports on. Headquarters will tell you which.</source>
        <translation>वह अभियान चुनें जिसकी रिपोर्ट आपका कार्यालय देता है। मुख्यालय आपको बताएगा कि कौन-सा।</translation>
    </message>
    <message>
        <source>&amp;Campaigns:</source>
        <translation>अभियान (&amp;C):</translation>
    </message>
    <message>
        <source>Campaign file from &amp;headquarters…</source>
        <translation>मुख्यालय से अभियान फ़ाइल… (&amp;H)</translation>
    </message>
    <message>
        <source>Headquarters&apos; &amp;key file (optional, HQ.pub.pem):</source>
        <translation>मुख्यालय की कुंजी फ़ाइल (वैकल्पिक, HQ.pub.pem) (&amp;K):</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>ब्राउज़ करें… (&amp;W)</translation>
    </message>
    <message>
        <source>%1 (from headquarters, version %2)</source>
        <translation>%1 (मुख्यालय से, संस्करण %2)</translation>
    </message>
    <message>
        <source>No campaign templates were found in %1.</source>
        <translation>%1 में कोई अभियान टेम्पलेट नहीं मिला।</translation>
    </message>
    <message>
        <source>Not a public key file: choose HQ.pub.pem from headquarters, or leave this empty.</source>
        <translation>यह सार्वजनिक कुंजी फ़ाइल नहीं है: मुख्यालय की HQ.pub.pem चुनें, या इसे खाली छोड़ दें।</translation>
    </message>
    <message>
        <source>Read this fingerprint back to headquarters over the phone: %1</source>
        <translation>यह फ़िंगरप्रिंट फ़ोन पर मुख्यालय को पढ़कर सुनाएँ: %1</translation>
    </message>
    <message>
        <source>Headquarters&apos; key checks the campaigns and receipts it sends. It can be set later in Settings.</source>
        <translation>मुख्यालय की कुंजी उसके भेजे अभियानों और रसीदों की जाँच करती है। इसे बाद में सेटिंग्स में भी तय किया जा सकता है।</translation>
    </message>
    <message>
        <source>Headquarters&apos; public key</source>
        <translation>मुख्यालय की सार्वजनिक कुंजी</translation>
    </message>
    <message>
        <source>Public keys (*.pem)</source>
        <translation>सार्वजनिक कुंजियाँ (*.pem)</translation>
    </message>
    <message>
        <source>Campaign file from headquarters</source>
        <translation>मुख्यालय से अभियान फ़ाइल</translation>
    </message>
    <message>
        <source>Campaign files (*.fdcampaign)</source>
        <translation>अभियान फ़ाइलें (*.fdcampaign)</translation>
    </message>
    <message>
        <source>Campaign file</source>
        <translation>अभियान फ़ाइल</translation>
    </message>
    <message>
        <source>%1 is not signed by headquarters&apos; key given here: it is not used.</source>
        <translation>%1 पर यहाँ दी गई मुख्यालय कुंजी के हस्ताक्षर नहीं हैं: इसका उपयोग नहीं होगा।</translation>
    </message>
    <message numerus="yes">
        <source>%1 indicators</source>
        <translation>
            <numerusform>%1 संकेतक</numerusform>
            <numerusform>%1 संकेतक</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of them with targets:</source>
        <translation>
            <numerusform>इनमें से %1 लक्ष्य सहित:</numerusform>
            <numerusform>इनमें से %1 लक्ष्य सहित:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrustKeyDialog</name>
    <message>
        <source>Headquarters&apos; key</source>
        <translation>मुख्यालय की कुंजी</translation>
    </message>
    <message>
        <source>No headquarters key is set on this computer yet. This campaign file is signed by the key below. Call headquarters and read these four lines out: trust the key only if every group matches what headquarters reads back.</source>
        <translation>इस कंप्यूटर पर अभी मुख्यालय की कोई कुंजी तय नहीं है। यह अभियान फ़ाइल नीचे दी गई कुंजी से हस्ताक्षरित है। मुख्यालय को फ़ोन करें और ये चार पंक्तियाँ पढ़कर सुनाएँ: कुंजी पर तभी भरोसा करें जब हर समूह मुख्यालय द्वारा पढ़े गए से मेल खाए।</translation>
    </message>
    <message>
        <source>From then on, campaigns and receipts are accepted only when this key signed them.</source>
        <translation>इसके बाद केवल इसी कुंजी से हस्ताक्षरित अभियान और रसीदें स्वीकार होंगी।</translation>
    </message>
    <message>
        <source>&amp;Trust this key</source>
        <translation>इस कुंजी पर भरोसा करें (&amp;T)</translation>
    </message>
</context>
<context>
    <name>UploadPanel</name>
    <message>
        <source>Upload to headquarters</source>
        <translation>मुख्यालय को अपलोड</translation>
    </message>
    <message>
        <source>&amp;Upload now</source>
        <translation>अभी अपलोड करें (&amp;U)</translation>
    </message>
    <message>
        <source>Set &amp;up in Settings…</source>
        <translation>सेटिंग्स में दर्ज करें… (&amp;U)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>&amp;Import the campaign from headquarters…</source>
        <translation>मुख्यालय का अभियान आयात करें… (&amp;I)</translation>
    </message>
    <message>
        <source>Sending to %1</source>
        <translation>भेजने का पता: %1</translation>
    </message>
    <message>
        <source>Headquarters&apos; address and key are not set yet: ask headquarters for them and enter them in Settings.</source>
        <translation>मुख्यालय का पता और कुंजी अभी दर्ज नहीं हैं: इन्हें मुख्यालय से लेकर सेटिंग्स में दर्ज करें।</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>भेजा जा रहा है…</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>अपलोड हो रहा है</translation>
    </message>
    <message>
        <source>Upload paused; it continues where it stopped next time.</source>
        <translation>अपलोड रुका है; अगली बार वहीं से आगे चलेगा जहाँ रुका था।</translation>
    </message>
    <message>
        <source>Upload stopped by an unexpected error (details in the log folder).</source>
        <translation>अनपेक्षित त्रुटि के कारण अपलोड रुक गया (विवरण लॉग फ़ोल्डर में है)।</translation>
    </message>
</context>
<context>
    <name>UploadStateModel</name>
    <message>
        <source>accepted by headquarters</source>
        <translation>मुख्यालय द्वारा स्वीकृत</translation>
    </message>
    <message>
        <source>rejected by headquarters (the reason is in the tooltip)</source>
        <translation>मुख्यालय द्वारा अस्वीकृत (कारण टूलटिप में है)</translation>
    </message>
    <message>
        <source>sent, waiting for headquarters&apos; receipt</source>
        <translation>भेजा गया, मुख्यालय की पावती की प्रतीक्षा</translation>
    </message>
    <message>
        <source>sending: %1% done</source>
        <translation>भेजा जा रहा है: %1% पूरा</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>भेजे जाने की प्रतीक्षा में</translation>
    </message>
    <message>
        <source>the last try failed (details in the tooltip)</source>
        <translation>पिछला प्रयास विफल (विवरण टूलटिप में)</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>बंडल</translation>
    </message>
    <message>
        <source>Upload to headquarters</source>
        <translation>मुख्यालय को अपलोड</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to FieldDesk</source>
        <translation>FieldDesk में आपका स्वागत है</translation>
    </message>
    <message>
        <source>A few questions set up this computer for your office. It takes about five minutes.</source>
        <translation>कुछ प्रश्नों के उत्तर देकर इस कंप्यूटर को आपके कार्यालय के लिए तैयार किया जाएगा। इसमें लगभग पाँच मिनट लगते हैं।</translation>
    </message>
    <message>
        <source>FieldDesk keeps your office&apos;s campaign records — targets, daily progress, scrap disposal, cleanliness sites and events with photos — on this computer, without the Internet. When you are ready it makes a signed report for headquarters.

You will need: the office&apos;s details, the campaign you report on, and your name.</source>
        <translation>FieldDesk आपके कार्यालय के अभियान के रिकॉर्ड — लक्ष्य, दैनिक प्रगति, स्क्रैप निपटान, स्वच्छता स्थल और कार्यक्रम, फ़ोटो सहित — इसी कंप्यूटर पर, बिना इंटरनेट के रखता है। आपके तैयार होने पर यह मुख्यालय के लिए हस्ताक्षरित रिपोर्ट बनाता है।

आपको चाहिए: कार्यालय का विवरण, वह अभियान जिसकी आप रिपोर्ट देते हैं, और आपका नाम।</translation>
    </message>
    <message>
        <source>You can change the language later in Settings.</source>
        <translation>आप बाद में सेटिंग्स में भाषा बदल सकते हैं।</translation>
    </message>
</context>
</TS>

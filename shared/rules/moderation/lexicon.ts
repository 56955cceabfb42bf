// The flagged-message classifier's lexicon (docs/moderation-classifier.md): the cues `classify.ts` looks for, in
// Chinese and English. Every pattern is matched against the normalised line (NFKC, lower case, zero-width characters
// dropped, runs of one Latin letter cut to one), so it is written in lower case and half-width forms. English cues
// sit between word boundaries; Chinese cues are plain substrings (no segmenter: a cue is a phrase, not a word).

/** How much a cue says that a member needs a person. */
export type HelpStrength =
  /** Stuck or asking for help on its own ("听不到", "can't join", "求助"). */
  | "strong"
  /** A how-to or where-is question: help unless the line is addressed to the speaker ("怎么举手", "how do I vote"). */
  | "howTo"
  /** A how-to with an everyday verb: as `howTo`, and only with a thing of the venue in its clause ("怎么把音乐关掉"). */
  | "howToThing"
  /** Only with a problem in the same line ("怎么回事" after "卡了十分钟"). */
  | "withProblem";

export interface HelpCue {
  re: RegExp;
  strength: HelpStrength;
  /** Laughter in the line takes it back: "stuck in a corner lol", "help, this is too funny 😂", "卡住了哈哈". */
  soft?: true;
}

export interface NegativeCue {
  re: RegExp;
  /** 2: negative on its own; 1: needs a second cue (an intensifier, the writer as subject, another cue). */
  weight: 1 | 2;
  /** The cue names a problem (lag, a missed poll): frustration markers such as "again" or "还是" count beside it. */
  problem?: true;
  /** An emotion that counts double when the writer says it of themselves ("I'm exhausted", "我好焦虑"). */
  self?: true;
  /** Laughter in the line takes it back ("我吐了哈哈哈", "lol I'm crying"). */
  soft?: true;
  /** The pattern carries its own negation or is a set phrase: a negator before it does not turn it round. */
  fixed?: true;
}

// ── Help ──────────────────────────────────────────────────────────────────────────────────────────────────────────

/** Things only the venue or the event does: "how do I unmute" is a how-to whatever else the line says. */
const EN_PRODUCT_ACTIONS =
  "report|block|ban|kick|join|rejoin|enter|leave|exit|quit|unmute|mute|raise|vote|scan|check[ -]?in|sign (?:in|up)|log ?(?:in|out)|login|register|share (?:my|the|your|a) screen|screen ?share|upload|download|reconnect|refresh|teleport|switch|turn (?:on|off|up|down)|enable|disable|access|claim|redeem|submit|whisper|dm|rename|emote|get (?:in|into|inside|on stage|back in|out of|back to|to the)|go back|move around|unlock";
/** Everyday verbs ("find", "use", "start"): a how-to only beside a thing of the venue ("how do I find the replay"), not "how do I find a mentor". */
const EN_GENERIC_ACTIONS =
  "find|see|hear|watch|open|close|fix|reset|move|walk|return|navigate|use|speak|talk|ask|report|contact|reach|play|hide|show|zoom|send|type|save|restore|recover|solve|start|stop|make|connect|activate|install|update|invite|add|remove|delete|edit|change|get|turn|set|put|sit|jump|dance|post|message|chat|follow|pin|translate|go";
/** Things of the venue and the event (and "it", "this", "here": the thing in front of the member). */
export const EN_THINGS =
  "debate|button|links?|entrance|entry|exit|door|stage|chat|panel|map|replay|recording|slides?|deck|settings?|menu|room|hall|gallery|booth|clues?|hints?|list|schedule|agenda|qr|code|mic|microphone|camera|cam|webcam|q&a|qa|polls?|vote|hunt|lobby|page|tab|option|toggle|icon|queue|leaderboard|points|score|form|survey|check[ -]?in|volume|subtitles?|captions?|translation|whiteboard|screen|audio|sound|video|stream|avatar|name|nickname|profile|language|music|app|website|site|browser|account|password|login|event|session|venue|badge|ticket|hand|seat|team|group|invite|message|headphones?|headset|thing|things|feature|function|tool|widget|reactions?|emojis?|emotes?";

/** What only the venue or the event does, in Chinese. */
const ZH_PRODUCT_ACTIONS =
  "进(?!步|行|化|展|修|一步|而)|换边|换队|换房间|下台|举报|拉黑|屏蔽|进去|进入|进场|加入|登录|登陆|开麦|闭麦|上麦|下麦|举手|发言|上台|投票|签到|打卡|扫码|扫|静音|取消静音|退出|回到|回去|返回|下载|共享|分享屏幕|重连|刷新|看回放|看直播|看录像|看ppt|看字幕|兑换|报名|组队|传送|私信|上传|切换|切回|切成|调回|换回|改回|设置";
/** Everyday verbs: a how-to only beside a thing of the venue ("这个怎么玩", "怎么把音乐关掉"), not "怎么找工作". */
const ZH_GENERIC_ACTIONS =
  "找|看到|看|听|用|(?<![展离公召分避])开(?!始|心|会|发|放|展|源|拓|玩笑|除)|关(?!系|注|于|心|键)|调(?!整心|研|查)|换|改(?!变|进|善|革)|玩|走|弄|搞|整|操作|提问|连(?!续)|领|提交|解锁|参加|出去|移动|恢复|把|让|邀请|保存|说话|算|分|计算|排";
/** A character of the same clause that is not a verb of speech ("能再展开讲讲…吗" asks the speaker to say more). */
const ZH_GAP = "(?:(?![讲说聊谈])[^，。！？,.!?])";
/** Things of the venue and the event, in Chinese (and "这个", "这里": the thing in front of the member). */
export const ZH_THINGS =
  "辩论|答案|谜题|题目|手机|电脑|表情|回应|功能|工具|入口|按钮|链接|设置|菜单|展厅|会场|舞台|地图|回放|录像|ppt|课件|线索|二维码|字幕|出口|通道|开关|选项|签到|投票|麦克风|麦|摄像头|聊天|问答|排行榜|积分|寻宝|提示|声音|音量|音乐|屏幕|页面|界面|网页|直播|房间|头像|昵称|名字|语言|账号|密码|app|网站|浏览器|耳机|白板|模式|排名|名次|排第几|第几名|分组|一组|队|这个|这里|这边|那里|那边|徽章|奖励|任务|队伍|小组|活动|门票|位置|座位";

/** A thing of the venue in the clause around a how-to: the test `howToThing` cues need. */
export const THING = new RegExp(`\\b(?:${EN_THINGS})\\b|\\b(?:it|this|here)\\s*(?:[?.!,]|$)|${ZH_THINGS}`, "u");

/** Verb + 不/没 + result: "进不去", "听不到", "扫不上". An A-not-A question ("上不上台") is left out by the backreference. */
const ZH_CANNOT =
  /(?<!得)(加载|登录|登陆|下载|上传|识别|提交|保存|签到|连接|显示|打字|发言|提问|报名|兑换|输入|复制|粘贴|点击|播放|启动|退出|领取|切换|打开|关闭|安装|更新|注册|验证|组队|传送|进|登|连|听|看|打|开|关|扫|发|找|点|上|用|改|换|动|退|签|投|刷|播|放|调|说|举|收|翻|传|存|切|输|选|拖|加|删|填|交|领|出|装|画|写|回)(?:不|没)(?:太)?(?!\1)(去|来|了|到|见|清|开|出|上|进|掉|动|着|好|全)/u;

export const HELP_CUES: readonly HelpCue[] = [
  // English: asking for help outright.
  { re: /\b(?:(?:pls|plz|please) fix|halp|hlp|help me|help us|helpp?\s*pl(?:ea)?se?|pl(?:ea)?se?\s+help|pls help|need(?:s)? (?:some |a little |urgent )?(?:help|support|advice|assistance)|need a hand|could (?:really )?use (?:some |a little )?(?:help|a hand)|any help|sos)\b/u, strength: "strong" },
  { re: /(?:^|[.!?,;:]\s*)help\b(?!\s*(?:desk|center|centre|page|section|button|channel|menu|docs?|is|was|and))/u, strength: "strong", soft: true },
  { re: /(?<!\b(?:the|your|for|his|her|their|of|great|big|no|to|some|any|a little)\s)\bhelp\s*(?:[!?]|$)/u, strength: "strong", soft: true },
  {
    re: /(?<!\b(?:how|what|why|when|where|which|who) )\b(?:can|could|would|will) (?:someone|somebody|anyone|anybody|you|u|a host|the host|a mod|the mods?|an admin|the admins?|a moderator|the moderators?|an organi[sz]er|the organi[sz]ers?|a staff member|staff)(?: please| pls| kindly)? (?:help|assist|fix|reset|unmute|unlock|unblock|let me|let us|show me|tell me|explain|guide|walk me|check|look|step in|do something|intervene|handle|deal with|remove|ban|kick|block|(?:move|add|put|switch|transfer|change|rename|restore|resend|approve|send|give|get|dm|pm|message|bring|pull|drop) (?:me|us|my|our)\b)/u,
    strength: "strong",
  },
  { re: /\b(?:can|could|would|does) (?:anyone|someone|somebody|anybody) (?:talk|chat|listen)\b|\b(?:someone|somebody|anyone) to talk to\b|\btalk to me\b/u, strength: "strong" },
  { re: /\b(?:any|got any|need a|need some) (?:hints?|fix|fixes|solution|solutions|workaround)\b|\bhint (?:please|pls)\b/u, strength: "strong" },
  // English: stuck, or something of theirs does not work.
  {
    re: /\b(?:can'?t|cannot|can not|couldn'?t|unable to|not able to|won'?t let me|doesn'?t let me)\s+(?:even\s+|seem to\s+|figure out how to\s+|literally\s+|really\s+|still\s+|just\s+)?(?:figure (?:it |this )?out|hear|see|join|get (?:in|into|to|on|out|back|through|up|onto|there)|go up|enter|find|access|log ?in|sign ?in|connect|reconnect|unmute|speak|talk|vote|scan|load|open|click|move|type|send|share|raise|check[ -]?in|turn (?:on|off)|use|play|watch|rejoin|leave|change|switch|submit|upload|save|register|claim|see anything|hear anything|paste|copy|drag|select|pick|click on|tap|sit|walk|jump|zoom|scroll|close|exit|quit|mute|download|install|update|reset|undo|delete|remove|edit|rename|unlock|redeem|post|reply|react|make (?:my|it|the|this)|get (?:the|my|it|this|any)(?! enough)|log ?out|reach|pin)\b/u,
    strength: "strong",
  },
  {
    re: /\b(?:doesn'?t|does not|don'?t|do not|isn'?t|is not|aren'?t|are not|won'?t|wont|will not|didn'?t|did not|wasn'?t|stopped|not)\s+(?:even\s+|really\s+|seem to\s+)?(?:work|working|load|loading|open|opening|respond|responding|show|showing|connect|connecting|scan|scanning|play|playing|count|counting|register|save|saving|send|sending|go through|move|moving|budge|start|starting|unmute|turn on|advance|scroll|zoom|resize|detected|recogni[sz]ed|picking (?:anything |me |my voice )?up|update|updating|render|rendering|display|displaying|appear|appearing|come up|pop up|popping up|accept|accepting|take it|go away|close|closing|unlock|unlocking|submit|submitting|trigger|triggering|upload|uploading|download|downloading)\b/u,
    strength: "strong",
  },
  {
    re: /\bwhy (?:can'?t|cannot|won'?t|wont|doesn'?t|isn'?t|aren'?t|is|does|do) (?:i|we|it|my \w+|the \w+|this \w+)(?: \w+)?(?: not)? (?:hear|see|join|get in|enter|connect|load|work|working|open|play|scan|vote|unmute|speak|send|show|showing|loading)\b/u,
    strength: "strong",
  },
  { re: /\bstuck\b/u, strength: "strong", soft: true },
  { re: /\b(?:locked out|kicked out|logged out|black screen|blank screen|white screen|no sound|no audio|no video|greyed(?: out)?|grayed(?: out)?|nothing happens|nothing happened|nothing loads|nothing shows|does nothing|did nothing|connection lost|lost connection|reconnecting|out of sync)\b|\bnothing(?: is|'s)? (?:loading|working|showing|happening|appears)\b/u, strength: "strong" },
  { re: /\bmy (?:sound|audio|video|mic|microphone|camera|cam|screen|stream|chat|avatar|character|connection|internet|wifi|headset|headphones|points|progress|game|page|app|browser|phone|laptop|computer|pc|tab|account|map|name|team|group|badge|streak|clues?|hand)\b[^.,;!?]{0,20}\b(?:gone|dead|died|missing|disappeared from|broken|frozen|froze|black|blank|silent|stopped|disappeared|vanished|reset|upside down|invisible|glitching|stuck|floating|spinning|clipping|sinking|falling|tiny|huge)\b|\bscreen\b[^.,;!?]{0,15}\b(?:black|blank)\b/u, strength: "strong" },
  { re: /\b(?:isn'?t|doesn'?t|didn'?t|won'?t|not) do(?:ing)? anything\b|\bnever (?:showed|shows|loaded|loads|appeared|appears|came|worked|works|opened|arrived)\b|\b(?:froze|frozen|stuck|hangs?|hanging) on (?:the )?(?:loading|login|start|black|white|blank)\b|\b(?:is (?:that|this|it) a bug|bugged|a bug\?|glitched)\b|\b404\b|\bpage not found\b|\b(?:frozen|froze|black|blank|stuck|broken|nothing|missing|gone|not working|isn'?t working|doesn'?t work|cut off|cropped|squashed|stretched|blurry|tiny|mirrored|flipped|upside down|out of sync|choppy|garbled)\b[^.,;!?]{0,30}\b(?:on my (?:end|side|screen)|for me)\b|\b(?:on my (?:end|side|screen)|for me)\b[^.,;!?]{0,20}\b(?:frozen|froze|black|blank|stuck|broken|missing|gone|not working|isn'?t working|doesn'?t work)\b|\b(?:leads|goes|takes me|sends me|opens) to (?:a |an )?(?:blank|empty|white|black|error|wrong|dead)\b|\b(?:can|could) only (?:hear|see)\b|\b(?:who|that) (?:can|could) help\b|\b(?:able|around) to help\b|\b(?:can'?t tell|not sure|no idea|don'?t know) (?:if|whether) (?:(?:my|the) [\w ]{1,15} (?:is|works|working|on)\b|i'?m (?:checked|in the right|on the right|muted|connected|registered|signed|logged|in\b)|it (?:worked|saved|registered|went through|counted))|\bshould i (?:refresh|reload|restart|rejoin|reconnect|reinstall)\b|\b(?:loading forever|still loading|stuck loading|keeps loading|won'?t stop loading|infinite loading|spinning forever)\b|\b(?:asking|asks|asked) (?:me )?for (?:a |the )?(?:password|passcode|code|login|key|invite)\b|\b(?:neither|none|nothing|nobody)\b[^.!?]{0,20}\blets? me\b|\bnot allowed to\b|\b(?:no|don'?t have|without) permission\b|\bpermission denied\b|\b(?:won'?t|doesn'?t|isn'?t|not|can'?t)\b[^.,;!?]{0,25}\bon my (?:side|end|screen|phone|laptop|computer)\b|\b(?:anyone|anybody|someone) (?:know|knows|have|has|got) (?:a |any )?(?:fix|solution|workaround)\b/u, strength: "strong" },
  { re: /\b(?:shows?|showing|says?|stuck (?:at|on)) (?:0|zero|nothing|no points|an error|error|offline)\b|\bdown for (?:everyone|everybody|anyone)\b|(?:\bor\b|\?)\s*(?:is it )?(?:just|only) me\b(?![^.!?]{0,40}\b(?:best|great|amazing|awesome|good|funny|fun|cool|brilliant|incredible|beautiful|better|hilarious|cute|love)\b)|\b(?:won'?t|doesn'?t|didn'?t|wouldn'?t) let (?:me|us)\b|\b(?:i |we )?(?:hear|see|get) nothing\b|\bcan'?t hear a thing\b/u, strength: "strong" },
  { re: /\b(?:can|could|do|does) (?:anyone|anybody|you|everyone|someone|y'?all|u|folks|people|you guys|others|the rest of you) (?:else )?(?:hear|see) (?:me|my|typing|an echo|the echo|feedback|static|a buzz|buzzing|noise)\b|\b(?:can|could) (?:anyone|anybody|everyone|someone|y'?all|folks|people|you guys|others) (?:else )?(?:hear|see) (?:it|that|this|anything)\b|\bhow (?:r|are|am) (?:we|you|u|i) (?:supposed|meant) to\b|\bwhat (?:am i|are we) (?:supposed|meant) to do\b/u, strength: "strong" },
  {
    re: /\b(?:having|have|has|had|got|getting|experiencing)\s+(?:some |any |a lot of |lots of |so many |major )?(?:(?:audio|sound|video|mic|camera|connection|connectivity|login|loading|tech|technical|network|internet|wifi|streaming|lag) )?(?:issues|trouble|difficulties|difficulty)\b|\b(?:audio|sound|video|mic|camera|connection|login|loading|tech|technical|network|internet|wifi|streaming) (?:issues|problems)\s*\?/u,
    strength: "strong",
  },
  { re: /\bkeeps? (?:getting )?(?:disconnect\w*|kick\w*|logging (?:me )?out|crash\w*|freez\w*|lagging out|falling through|timing out|booting me|muting me|glitching out|throwing (?:an |me )?(?:error|me out))/u, strength: "strong" },
  // "keeps failing", "keeps resetting": a problem, unless put to the speaker ("how do you stay motivated when a project keeps failing?").
  { re: /\bkeeps? (?:fail\w*|resetting|erroring)/u, strength: "howTo" },
  { re: /\bi'?m (?:so |completely |totally |a bit |kinda |really )?lost\b(?! for words)|\bwhere(?:'d| did| has| have|'s| is)? (?:it|my|the|our|all)(?: [\w-]+){0,3} (?:go|gone)\b|\b(?:or )?is it (?:just |only )?me\b(?![^.!?]{0,40}\b(?:best|great|amazing|awesome|good|funny|fun|cool|brilliant|incredible|beautiful|better|hilarious|cute|love)\b)/u, strength: "strong" },
  { re: /\bsays? "?(?:error|failed|invalid|expired)|\berror (?:code|message)\b|\bexpired\b/u, strength: "strong" },
  { re: /\b(?:what (?:should|do|can) i do|what am i (?:doing wrong|missing)|(?:don'?t|do not|dunno|not sure|no idea) (?:really |even |actually |honestly )?(?:know )?(?:what to do|who to (?:talk|turn) to|where to (?:go|turn|start)|how to)|show me how)\b/u, strength: "strong" },
  { re: /\b(?:just |suddenly |completely )?(?:vanished|disappeared)\b/u, strength: "strong", soft: true },
  { re: /\b(?:says?|shows?|showing|counted|counts|listed)\b[^.!?]{0,25}\bbut (?:i|we)\b|\b(?:isn'?t|is not|aren'?t|are not|not) (?:there|showing(?: up)?|visible) (?:for me|on my)|\bam i (?:on|in|using) (?:an?|the) (?:old|wrong|outdated|different)\b|\bkicked (?:me|us)\b|\b(?:booted|threw|logged|signed) (?:me|us) out\b/u, strength: "strong" },
  { re: /[,.]\s*(?:tips|ideas|help|advice|suggestions|thoughts|fixes)\s*\?/u, strength: "strong" },
  { re: /\bneed (?:the|a|an|my) (?:[\w-]+ )?(?:option|version|link|code|password|setting|mode|invite|access|ticket|login)\b|\b(?:need|want) to (?:vent|talk) to (?:someone|somebody|anyone)\b|\bsomeone to vent to\b|\bneed to vent\b|\bany (?:peer )?support\b|\bneed (?:some )?(?:support|company)\b/u, strength: "strong" },
  { re: /\b(?:does|will|would|did) (?:it|this|that|the [\w-]+|my [\w-]+) (?:still )?(?:work|count|register|save|matter) if (?:i|we)\b/u, strength: "howTo" },
  { re: new RegExp(`\\b(?:i'?m |i was |been |i keep |keep |i'?ve been )trying to (?:${EN_PRODUCT_ACTIONS}|hand in|submit|upload|open|find|get|load|connect|see|hear|watch|use|play|change|save|send|post|type)\\b[^.!?]{0,40}\\bbut\\b`, "u"), strength: "strong" },
  { re: /(?:^|[.!?,]\s*)(?:mods?|hosts?|admins?|moderators?)\s*,?\s*(?:pls|plz|please|help)\b/u, strength: "strong" },
  { re: /\b(?:nobody|no one|no-one|nothing) (?:reacts|responds|hears|happens|moves|shows|changes) when i\b|\b(?:reconnect(?:ing)? loop|keeps? looping|just loops|stuck in a loop|loops back)\b|\b(?:goes|sends me|kicks me|takes me|throws me|bounces me) (?:right )?back to (?:the )?(?:lobby|start|login|home|homepage|beginning)\b|\binstead of (?:moving|working|joining|opening|loading|playing|showing|connecting|letting me|taking me)\b|\bkicked (?:from|out of)\b|\b(?:is|are|shows?) in (?:german|french|chinese|english|japanese|spanish|korean|russian|arabic|a different language|the wrong language)\b|\bnothing (?:confirmed|registered|saved|changed|updated)\b|\blost (?:the|my) (?:link|code|password|invite|ticket|seat|spot|place|login)\b|\b(?:neither|none) (?:of (?:them|the \w+|those) )?(?:one )?(?:works?|worked|is working|opens?|loads?)\b|\bi (?:think i )?broke (?:something|it|the|my)\b|\b(?:on|from) (?:your|the host'?s?|the) (?:end|side)\s*\?|\b(?:won'?t|can'?t be|cannot be) (?:read|scanned)\b|\bwhy (?:does|do|is) (?:this|it|my [\w-]+|the [\w-]+) keep\b|\b(?:point|direct) (?:me|us) (?:to|at|in)\b|\b(?:someone|somebody|anyone|a host|a mod|the hosts?|the mods?)(?: pls| please| plz)? (?:look into|look at|check on|fix|sort out)\b|\b(?:can|could|would) (?:you|someone|anyone|somebody|a host|the host|a mod)\b[^.?!]{0,30}\bfor (?:me|us)\s*\?/u, strength: "strong" },
  { re: /\bdo (?:you|i|we) (?:have|need) to be (?:on|in|logged|signed|registered)\b|\bdo (?:i|we) need (?:a |an |to have |my )?(?:headphones|headset|mic|microphone|camera|webcam|account|ticket|code|app|password|invite|chrome|desktop|laptop|computer)\b|\bwhat (?:setting|button|option|key|browser|shortcut) (?:fixes|does|turns|controls|changes|stops|do i)\b|\bcan (?:it|this|that) be (?:fixed|changed|reset|undone|sorted|reopened)\b|\bhow come (?:i|my|i'?m|it|the|we)\b|\bor does (?:mobile|the app|it|this|desktop|a phone) work\b|\bdoes (?:mobile|the app|it|this) work (?:on|with|if)\b|\bwhich (?:part|side|corner|bit|area) (?:of (?:the )?(?:screen|page|map|menu|venue) )?is (?:the )?/u, strength: "howTo" },
  // English: calling for the staff, whom to turn to, someone to send or tell them something.
  {
    re: /\b(?:is|are) (?:a|an|any|the|there a|there an|there any) (?:hosts?|mods?|moderators?|admins?|organi[sz]ers?|staff(?: members?)?|tech support|support) (?:around|here|online|there|available|awake|on)\b(?! to (?:announce|start|kick|introduce|begin|present))|\b(?:hosts?|mods?|moderators?|admins?|organi[sz]ers?)\s*(?:around|online|anyone)\s*\?|\b(?:paging|calling) (?:a |the |any )?(?:hosts?|mods?|moderators?|admins?)\b/u,
    strength: "strong",
  },
  { re: /\bwho (?:do|should|can|could|would) (?:i|we) (?:contact|message|dm|email|ask|talk to|speak to|go to|turn to|reach|report (?:this|it|him|her|them|that)(?: to)?|complain to|tell|ping|write to|appeal to)\b|\b(?:complain|report (?:him|her|them|this|a user|someone|a member|an issue|a problem)) to (?:who|whom|a host|the hosts?|a mod|the mods?|an admin|someone)\b|\b(?:need|want|have) to (?:report|flag) (?:something|someone|a user|a member|an issue|this|him|her|them)\b|\bfile a (?:complaint|report)\b/u, strength: "strong" },
  { re: /\b(?:someone|somebody|anyone|anybody) (?:pls |please |plz |kindly )?(?:tell|send|give|show|dm|pm|message|link|remind) (?:me|us)\b|\b(?:send|dm|pm|give|tell) me (?:the|a|that|your)? ?(?:link|code|password|passcode|pin|invite|url|address|room number)\b/u, strength: "strong" },
  { re: /\bwhat(?:'s| is| was) the (?:password|passcode|pass code|code|pin|link|url|invite|room number|room code|address|key) (?:for|to|of)\b(?! (?:your|his|her|their)\b)/u, strength: "howTo" },
  // English: in the wrong place, an error on screen, a workaround tried, a setting to find.
  { re: /\b(?:joined|in|entered|picked|clicked|chose|went into|ended up in|put in|assigned to|on) (?:the )?wrong (?:room|one|hall|session|instance|team|group|link|door|track|channel|button|option|stage|table|breakout)\b/u, strength: "strong" },
  {
    re: /\b(?:says?|saying|shows?|showing|get|gets|getting|got|keeps? (?:saying|showing|giving(?: me)?|getting)|pops? up with)\b[^.!?]{0,25}(?:\berror\b|\bfailed\b|\binvalid\b|\bexpired\b|\bdenied\b|\bnot found\b|\bunavailable\b|went wrong|try again|\blocked\b|not allowed|not authori[sz]ed|timed out|\btimeout\b|\bfull\b|\bclosed\b|\bsold out\b|\bprivate\b|\brestricted\b|not available|already (?:used|taken|claimed|redeemed|in use|registered|checked in))|\berror (?:popup|pop-up|screen|page|box|window|notice)\b|\bsomething went wrong\b|\b(?:says?|shows?|showing)\b[^.!?]{0,20}\bended\b/u,
    strength: "strong",
  },
  { re: /\b(?:a|an|just|only|the|big|giant|huge|empty|see|sees|shows?|showing|is|it'?s) (?:grey|gray|black|white|blank|empty|dark) (?:box|square|rectangle|screen|page|window|tile|frame|area|space|void)\b/u, strength: "strong" },
  { re: /\b(?:sitting|stuck|stays?|staying|frozen|hanging|hangs|stopped|paused) (?:at|on) \d+ ?%|\b\d+ ?% (?:for ages|forever|and (?:won'?t|doesn'?t|not|stuck|nothing))/u, strength: "strong" },
  { re: /\b(?:i'?ve |i have |already |we'?ve )?tried (?:everything|all|every|each|refreshing|reloading|restarting|rejoining|reconnecting|clearing|another|a different|other|two|three|four|several|multiple|both|\d+) ?(?:browsers?|devices?|times|things|ways|tabs|links|options|settings|fixes|of (?:it|them|the))?\b[^.!?]{0,30}\b(?:still|nothing|no luck|same|won'?t|doesn'?t|didn'?t|not)\b|\btried everything\b|\bno luck\b/u, strength: "strong" },
  { re: /\b(?:do|would|will) (?:i|we) (?:need|have) to (?:install|download|allow|enable|log ?in|sign (?:in|up)|register|update|turn on|give|grant|accept|refresh|be (?:logged|signed) in|use|be on|switch|change|pay)\b|\bam i (?:supposed|meant) to\b|\bwhat (?:am i|are we|do i|should i) (?:supposed|meant|need|have) to (?:do|click|press|type|enter|scan|say|use|put)\b/u, strength: "howTo" },
  { re: /\b(?:which|what) (?:browser|device|app|setting|settings|headset|mic|microphone|option|version|phone|laptop|tab|mode|link|button) (?:should|do|can|would|works?|is (?:best|better|right|recommended)|to use|is the (?:best|right))\b/u, strength: "howTo" },
  { re: /\b(?:is|are) there (?:a|an|any|some)\b[^.?!]{0,30}\b(?:i|we) (?:can|could|should|might)\b|\bis there (?:a|an|any) (?:\w+ )?(?:shortcut|setting|option|button|key|trick|hotkey|workaround|toggle|support|channel|helpline|hotline|mentor|mentors|group|groups|way)\b|\bis there (?:anyone|anybody|someone|somebody)(?: here)? (?:who|that|i|to)\b|\b(?:does )?any(?:one|body) (?:here )?(?:know|knows) (?:which|who)\b|\bany(?:one|body) (?:here )?(?:know|knows) of\b[^.?!]{0,30}\b(?:i|we) (?:can|could)\b/u, strength: "howTo" },
  { re: /\bany (?:settings?|options?|buttons?|toggles?|shortcuts?|tricks?) (?:i|we|to|for)\b/u, strength: "howTo" },
  { re: /\bhow (?:do|can|should|would|could) (?:i|we) (?:fix|undo|solve|sort out|get rid of|troubleshoot|deal with|stop (?:it|this|the|my)|make (?:it|this|the|my)|get (?:from|over to|back|there|it|my|the))\b/u, strength: "howTo" },
  { re: /\bcan (?:i|we) (?:still |now |also |even )?(?:change|edit|undo|redo|update|swap|retake|resubmit|restore|recover|get back|redo|fix|take back|re-?enter|re-?do) (?:my|our|the|it|that)\b(?! mind)/u, strength: "howTo" },
  { re: /\bdoes anyone else (?:have|get|see|hear|experience|notice)\b/u, strength: "withProblem" },
  { re: /\banyone else (?:having|getting|seeing|hearing|stuck|unable|can'?t|not able|experiencing|lagging|frozen)\b|\b(?:i|we) (?:hit|clicked|pressed|chose|picked|blocked|denied|declined|closed|muted|left|deleted) (?:[\w']+ ){0,5}by (?:accident|mistake)\b|\baccidentally (?:hit|clicked|pressed|chose|picked|blocked|denied|declined|closed|muted|left|deleted|kicked|removed)\b/u, strength: "strong" },
  { re: /\b(?:keeps?|is|been|started) (?:harass\w*|messaging me|dming me|pm'?ing me|sending me|following me|stalking me|spamming me|threatening me)\b|\bharass(?:ing|ed|ment)\b/u, strength: "strong" },
  // English: how-to and where-is questions.
  { re: new RegExp(`\\bhow (?:on earth |the hell |tf )?(?:do|can|should|would|could|does|to) (?:i|we|you|u|one)? ?(?:${EN_PRODUCT_ACTIONS})\\b`, "u"), strength: "howTo" },
  { re: new RegExp(`\\bhow (?:on earth |the hell |tf )?(?:do|can|should|would|could|does|to) (?:i|we|you|u|one|people|others|everyone|y'?all)? ?(?:${EN_GENERIC_ACTIONS})\\b|\\bhow (?:do|does) (?:the |these |this |it)?(?:[\\w-]+ ){0,2}work\\b|\\bhow (?:do|does) (?:the |these )?[\\w-]+ (?:get )?(?:count|calculated|counted|scored|assigned|picked)\\b`, "u"), strength: "howToThing" },
  { re: /\bwhere (?:do|should|would) (?:i|we)\b(?! (?:even )?(?:start|begin))/u, strength: "howTo" },
  { re: new RegExp(`\\bwhere (?:can|could) (?:i|we) (?:${EN_PRODUCT_ACTIONS})\\b`, "u"), strength: "howTo" },
  { re: /\bwhere (?:can|could) (?:i|we)\b/u, strength: "howToThing" },
  { re: /\bwhere (?:do|does|did|will) (?:the |my )?[\w-]+ (?:show up|appear|go)\b/u, strength: "howToThing" },
  { re: /\b(?:which|what) (?:button|link|option|tab|page|menu|icon|room|door|one|settings?|key) (?:do|should|can|would|am) (?:i|we)\b|\bwhich (?:button|link|option|tab|page|menu|icon|room|door|one|settings?|key|team|group) (?:is|are) (?:the |my )?(?:right|correct|ours|mine|it)\b/u, strength: "howTo" },
  { re: /\b(?:don'?t|do not|can'?t|cannot) see (?:the|my|a|any)\b|\b(?:anywhere|(?<!\b(?:going|goes|leads?|leading|led|got|getting|gets|went|go|lead) (?:us |me |you )?)nowhere)\b/u, strength: "howToThing" },
  { re: new RegExp(`\\bcan (?:i|we) (?:still |now |also |even )?(?:${EN_PRODUCT_ACTIONS})\\b`, "u"), strength: "howTo" },
  { re: new RegExp(`\\bwhere(?:'s| is| are)(?: the| my| our)?(?: \\w+){0,3} (?:${EN_THINGS})\\b`, "u"), strength: "howTo" },
  { re: /\b(?:is there|any) (?:a )?way to\b|\b(?:does )?any(?:one|body) (?:know|knows) (?:how|why|where|what)\b/u, strength: "howTo" },
  { re: /\b(?:any|have|got|has|some) (?:tips|advice|suggestions|ideas)\b|\bis (?:anyone|anybody|someone|somebody) (?:around|there|here|online|awake)\b|\bwhat now\b|\bi'?m (?:so |really |totally |a bit |kinda )?confused\b|\b(?:can|could) (?:someone|anyone|somebody) explain\b/u, strength: "withProblem" },

  // Chinese: asking for help outright.
  { re: /求助|求救|救救我|帮帮我|帮帮忙|帮我(?!们)|帮忙(?:看|调|弄|解决|处理|查)|谁能帮|谁可以帮|有人(?:能|可以|会)?帮|能(?:不能)?帮我|求(?:指导|指点|教|解答|提示|大神|大佬|攻略|安慰|开导)|求[^，。！？,.!?]{1,8}(?:提示|线索|答案|攻略)|急求|在线等|谁能教|教教我|救救|带带我|带我一下|(?:啥|什么)(?:也|都)不会/u, strength: "strong" },
  { re: /救命/u, strength: "strong", soft: true },
  { re: /卡住|卡在/u, strength: "strong", soft: true },
  { re: /求求(?:了|你|大家)/u, strength: "withProblem" },
  { re: /有没有人(?:可以|能)?(?:聊聊|陪我|说说话|聊一下|聊会)|想找人(?:聊|说)|谁(?:能|可以)陪我|陪我聊/u, strength: "strong" },
  // Chinese: stuck, or something of theirs does not work.
  { re: ZH_CANNOT, strength: "strong" },
  { re: /没(?:有)?(?:任何)?(?:声音|声|画面|图像|反应|响应|信号|显示|字幕|权限)|无(?:声音|画面|反应)|无法|不能(?:用|进|进入|说话|发言|投票|签到|扫|登录|登陆|连接|播放|打字|发送|显示|上麦|举手|操作)/u, strength: "strong" },
  { re: /黑屏|白屏|花屏|闪退|卡死|死机|转圈|报错|出错|乱码|失灵|不好使|不管用|不显示|不出声|被踢|踢出|(?<!笑|乐|累|气|饿|高兴|开心)坏了|不见了|消失了|没保存|没成功|空白|不同步|网络错误|网络异常|连接错误|提示错误|(?<!看|说|想|认|听|猜|写|做|讲|答)不出来|卡着|(?:卡(?!得)|页面|画面|屏幕|人物|角色|头像|进度条)[^，。！？,.!?]{0,3}不动|是bug吗|是不是bug|有bug|出bug|bug了|(?:被)?锁在外面|找(?:了)?半天|一直(?:在)?加载|没有我(?:的)?(?:票|名字|积分|记录|签到|分|头像)|只能(?:听到|看到|听见|看见)|迷路|(?:加载|界面|页面|画面|屏幕)[^，。！？,.!?]{0,4}卡|(?:麦|麦克风|摄像头|声音|耳机)[^，。！？,.!?]{0,3}(?:开没开|有没有开|是不是开着|好没好|能不能用)|加载(?:了)?(?:半天|好久|很久)|(?:要|需要|让我输入?)(?:输入)?(?:密码|验证码|邀请码)|(?:链接|二维码|邀请|码)[^，。！？,.!?]{0,4}(?:过期|失效)|没(?:有)?(?:出现|显示|到账|更新|加上|收到)|没(?:有)?[^，。！？,.!?]{0,4}权限|权限不够|(?:能|可以)(?:调|放|弄|变|改)(?:大|小|亮|慢|快)|\b404\b|(?:管理员|主持人|工作人员|客服|官方|主办方)[^，。！？,.!?]{0,4}(?:能|可以|快|帮忙|来|请)(?:帮忙)?(?:处理|管管|看看|看一下|解决)/u, strength: "strong" },
  { re: /(?:签到|登录|登陆|加载|连接|提交|上传|扫码|验证|兑换|保存|发送)[^，。！？,.!?]{0,4}失败/u, strength: "strong" },
  { re: /(?:老是|一直|总是|经常|频繁)掉线/u, strength: "strong" },
  { re: /(?:还是|显示|变成|成了)\s*(?:0|零)(?!\d)|清零|归零|进度(?:全|都|又)?(?:没了|丢了|清空)|只有我这样|就我这样|只有我一个人这样|是我(?:这边|的)?(?:的)?问题吗|(?:直播|网站|页面|服务器|系统|app|会场|音频|视频|声音|画面)[^，。！？,.!?]{0,4}(?:挂了|崩了)|还能(?:补|投|签到|进|参加|看|改|修改|撤回|换|领|用)[^，。！？,.!?]{0,3}吗|能补(?:签|投)?吗|没(?:有)?头绪|没思路|(?:给|来)(?:点|个)提示|不知道(?:该)?(?:跟|和|找)谁(?:说|聊)/u, strength: "strong" },
  { re: /(?:扫|点|按|试|刷新|重启|重进|重新进|登|输|拉|调|开|关|换|插)[^，。！？,.!?]{0,3}(?:没用|没反应|不行|无效|不管用|没效果)/u, strength: "strong" },
  { re: /(?:能|可以)?听(?:到|见|得到|得见)我(?:说话|的声音)?吗|听得(?:到|见)吗|有声音吗|看得(?:到|见)我吗/u, strength: "strong" },
  { re: /不知道(?:该)?(?:怎么|如何|在哪|要怎么|咋)|不会(?:用|弄|操作|玩|设置)|搞不懂|弄不明白|不懂怎么|该怎么办|怎么办|咋办|咋整|咋弄|肿么办|怎么搞|是不是(?:哪里)?设置错/u, strength: "strong" },
  // Chinese: how-to and where-is questions.
  { re: new RegExp(`(?:怎么|怎样|如何|咋|肿么)(?:才能|能|可以|去|样才能|样)?(?:重新|再)?(?:${ZH_PRODUCT_ACTIONS})`, "u"), strength: "howTo" },
  { re: new RegExp(`(?:怎么|怎样|如何|咋|肿么)(?:才能|能|可以|去|样才能|样)?(?:重新|再)?(?:${ZH_GENERIC_ACTIONS})`, "u"), strength: "howToThing" },
  { re: /(?:在哪|哪里|哪儿|去哪)(?:里|儿)?(?:可以|能|才能)?(?:找|看|下载|开|进|打开|设置|领|签到|扫|提问|举手|兑换|报名)/u, strength: "howToThing" },
  { re: new RegExp(`(?:${ZH_THINGS.replace("|这个|这里|这边|那里|那边", "")})[^，。！？,.!?]{0,3}(?:在哪|在哪里|在哪儿|藏哪|放哪|哪去了|去哪了)|从哪(?:里|儿)?(?:开始|进|进去|出发|走)`, "u"), strength: "howTo" },
  { re: /(?:有没有人|谁|有人)知道(?:怎么|为什么|在哪|咋|哪里|如何)|有什么办法|有什么建议|有没有建议|求建议|有(?:没有)?(?:英文|中文)版|哪个(?:是对的|才是|是正确)|^有(?:没有)?(?:字幕|翻译|英文版|中文版)|有(?:没有)?字幕吗|能(?:切换|换)(?:成)?(?:英文|中文)|能(?:重新|再)?发一下|(?:谁|有人|有没有人)(?:能|可以)?(?:告诉我|解释一下|说明一下|讲一下)/u, strength: "howTo" },
  { re: /怎么回事|什么情况|咋回事|为什么我|懵|有人(?:在)?吗/u, strength: "withProblem" },
  { re: /(?:名单|列表|排行榜|分组|签到表)[^，。！？,.!?]{0,4}(?:没|没有|找不到)(?:找到)?我|是(?:不是)?漏(?:了|掉)|漏(?:了|掉)了?我|显示[^，。！？,.!?]{0,10}(?:可|但|可是|但是)我|还有(?:别的|其他|什么)(?:办法|方法)|开到最大(?:了)?[^，。！？,.!?]{0,2}(?:还是|也)/u, strength: "strong" },
  { re: new RegExp(`(?:怎么|如何|咋)(?:才能|能)?(?:消除|去掉|去除|避免|减少|放大|缩小|调大|调小)`, "u"), strength: "howToThing" },
  { re: /(?:求问|请教)(?:一下)?[^，。！？,.!?]{0,10}(?:怎么|如何|咋|在哪|哪里)|(?:该|要|应该)(?:去|进)(?:哪|哪个|哪里)|有(?:没有)?[^，。！？,.!?]{0,6}(?:版|版本|入口|链接|选项|模式)(?:吗|么|[?？]|$)/u, strength: "howTo" },
  { re: new RegExp(`(?:${ZH_THINGS})[^，。！？,.!?]{0,3}(?:怎么|咋|如何)(?:用|弄|开|关|玩|设置|操作)|(?:怎么|咋|如何)(?:才能|能)?(?:${ZH_GENERIC_ACTIONS.replace("看到|看|", "").replace("|提问", "")})(?:掉|开|好|回来|出来|上)?(?=[\\s，。！？?!啊呀呢]|$)`, "u"), strength: "howTo" },
  { re: /(?:有人|有没有人|谁)(?:愿意|能|可以|想)?(?:听我|陪我|跟我|和我)(?:说|聊|讲)/u, strength: "strong" },
  { re: /(?:说|显示|提示)我(?:不在|没有|没|不是|已经)|不在名单|不小心(?:点|按|关|退|删|踢|拒绝|选)|(?:老是|总是|一直|经常)(?:点|按|打|输|选)错|求(?:个|位)?好心人|(?:有没有|哪位)好心人|好心人(?:帮|救|教|告诉|能)|冒充|诈骗|骗钱|(?:一直|有人)骚扰|有(?:没有)?[^，。！？,.!?]{0,10}(?:渠道|途径|热线|支持|咨询|倾诉)(?:吗|么|[?？]|$)|有(?:没有)?[^，。！？,.!?]{0,4}(?:字幕|翻译|同传|手语)(?:吗|么|[?？])/u, strength: "strong" },
  { re: /是正常的吗|正常吗|正常不|是不是正常|^(?:管理员?|主持人?|工作人员|客服|host|mod|admin)(?:们)?\s*[,，:：\s]/u, strength: "withProblem" },
  { re: /(?:区|处|地方|口|厅|台|室|房|点|栏|框|页|键|钮|板|馆|角|门)(?:的)?(?:在哪|在哪里|在哪儿|哪去了|去哪了)|一(?:开|点|进|上|扫|连|打开|登录|切|换|刷新)就(?:黑|卡|崩|闪退|断|掉|没声|白|死机|退出|报错|转圈|没了)|(?:重开|重进|重启|刷新|关了再开|换了)[^，。！？,.!?]{0,3}(?:也|还是)(?:一样|不行|没用)|(?:服务器|网站|系统|直播|平台|app|网络)[^，。！？,.!?]{0,4}(?:出问题|有问题|挂了|崩了|炸了)|一直(?:在)?缓冲/u, strength: "howTo" },
  { re: /(?:能|可以)(?:帮我)?(?:调|换|改)(?:一下|个|回来)?(?:吗|么|[?？])/u, strength: "howToThing" },
  { re: /有(?:没有)?办法/u, strength: "withProblem" },
  // Chinese: calling for the staff, whom to turn to, something to be sent or told.
  { re: /(?:管理员?|管理大大|主持人?|工作人员|客服|主办方|官方|场控|志愿者|host|mod|admin)(?:们)?(?:在吗|在不在|在线吗|还在吗|有人吗|呢[?？])|有(?:没有)?(?:管理|管理员|主持人?|工作人员|客服)(?:吗|在吗|在不在|[?？])|(?:^|[\s，,])(?:dd|滴滴|@|艾特)\s*(?:管理|主持|工作人员|客服|host|mod|admin)/u, strength: "strong" },
  { re: /找谁(?:可以|能|才能|去)?(?:申诉|反馈|反映|投诉|举报|处理|解决|改|修改|帮忙|问|说|补|弄|办|啊|呀|呢|吗|[?？])|(?:跟|和|向|找)谁(?:反馈|反映|投诉|举报|申诉)|想(?:私下|单独)?(?:反馈|反映|举报|投诉|申诉)|(?:要|想)举报/u, strength: "strong" },
  { re: /(?:能|可以|能不能|可不可以|麻烦|请|帮)[^，。！？,.!?]{0,6}把我(?:拉|移|换|调|加|放|转|挪|弄|踢|解|取消|恢复|带)|(?:发|私|传|给)我(?:一下|一份|下)|(?:能|可以|能不能|可不可以|麻烦)[^，。！？,.!?]{0,10}(?:发|私)(?:我|一下)/u, strength: "howTo" },
  { re: /(?:口令|密码|验证码|邀请码|兑换码|链接|网址|房间号|会议号|暗号|code)[^，。！？,.!?]{0,4}(?:是什么|是多少|是啥|多少|发一下|给一下|发我|在哪)/u, strength: "howTo" },
  // Chinese: on my side, an error shown, a screen gone grey, tried and still not, a setting or a device to choose.
  { re: /我(?:这边|这里|这儿)[^，。！？,.!?]{0,8}(?:不行|不了|不动|没反应|没声音|没声|没画面|没图像|不显示|黑屏|白屏|一片|卡|有问题|不对|不正常|出不来|不出来|点不|打不开|进不|听不|看不|加载不|掉线|断|闪退|转圈|报错)/u, strength: "strong" },
  { re: /(?:显示|提示|弹出|弹窗|报|跳出|出现)[^，。！？,.!?]{0,10}(?:错误|失败|异常|无效|过期|不存在|已?锁定|未授权|拒绝|不可用|维护|超时|无法|未知|不支持|请重试|重试|不安全|风险|已(?:被)?(?:使用|领取|占用|兑换)|error|denied|invalid|expired|failed)/u, strength: "strong" },
  { re: /(?:是|变成?|成了|全)(?:灰|黑|白)(?:的|色|屏)|一片(?:白|黑|灰|空白)|灰屏/u, strength: "strong" },
  { re: /(?:试了|换了|刷新了|重启了|重进了|重装了|清了)[^，。！？,.!?]{0,6}[，,\s]*(?:还是|都|也)(?:不行|没用|不|没|打不开|进不去|一片|一样|老样子)|(?:各种|所有)(?:办法|方法)都试/u, strength: "strong" },
  { re: /(?:停|卡)在\s*\d+\s*%|一直\s*\d+\s*%/u, strength: "strong" },
  { re: /有(?:没有)?人(?:也)?(?:遇到|碰到)(?:过)?|(?:只有|就)我(?:一个人)?(?:这样|这个样|遇到)|(?:别人|大家)(?:也)?(?:这样|能[看听]到)吗/u, strength: "strong" },
  { re: /(?:是不是|是否|需要|要不要|是要|要先|得先|必须)(?:先|手动|自己|再)?(?:装|安装|下载|登录|登陆|注册|开(?!心|始|会|玩笑)|打开|开启|允许|授权|更新|刷新|设置|绑定|关注|扫码|签到|实名|升级|换)/u, strength: "howTo" },
  { re: /用(?:什么|哪个|啥)(?:浏览器|设备|手机|电脑|app|软件|耳机|版本|模式)|(?:浏览器|设备|手机|电脑|耳机)[^，。！？,.!?]{0,8}(?:比较好|好一点|更好|哪个好|才行)/u, strength: "howTo" },
  { re: /有(?:什么|没有|啥)(?:设置|办法|方法|技巧|窍门|选项|按钮|快捷键|插件|工具|途径|渠道|解决办法)|(?:怎么|如何|咋)(?:解决|处理|修|弄好|破|调好|恢复)/u, strength: "howTo" },
  { re: /(?:还能|能|可以|能不能|可不可以)(?:再|重新)?(?:改|修改|撤回|撤销|重来|补|找回|恢复|重置|改回|换回|重投|重签)[^，。！？,.!?]{0,4}(?:吗|不|么|[?？])|找回来|能找回|能恢复/u, strength: "howTo" },
  { re: /(?:在哪|哪里|哪儿|去哪)(?:里|儿)?(?:可以|能|才能)?(?:输入|输|填|填写|上传|提交|改|修改|切换|关闭|关|登录|投票|开启|开(?![始会心]))/u, strength: "howTo" },
  // "背景音乐能单独关掉吗", "能不能把别人的声音都关掉": asking whether the venue can do something (not the speaker to say more).
  { re: new RegExp(`(?:能不能|可不可以|能否)${ZH_GAP}{0,8}(?:${ZH_PRODUCT_ACTIONS}|${ZH_GENERIC_ACTIONS})|(?:能|可以)(?:单独|自己|再|重新|把)?${ZH_GAP}{0,8}(?:${ZH_PRODUCT_ACTIONS}|${ZH_GENERIC_ACTIONS})[^，。！？,.!?]{0,8}(?:吗|(?<![什怎这那])么|[?？])`, "u"), strength: "howToThing" },
  { re: /(?:有|会有|能看|能补|求)(?:没有)?(?:回放|录像|录屏|重播)[^。！？!?]{0,14}(?:提前走|先走|得走|要走|走了|来不及|赶不上|错过|没赶上|接孩子|上班|开会|下线)|(?:提前走|先走|得走|要走|来不及|赶不上|错过了|没赶上)[^。！？!?]{0,15}(?:回放|录像|录屏|重播)/u, strength: "strong" },
  { re: /\b(?:replay|recording|rewatch|watch (?:it |this )?later|catch up)\b[^.!?]{0,40}\b(?:have to|need to|gotta|must|got to) (?:leave|go|head out|run|drop off)\b|\b(?:have to|need to|gotta|must|got to) (?:leave|go|head out|run|drop off)\b[^.!?]{0,40}\b(?:replay|recording|rewatch|watch (?:it |this )?later|catch up)\b/u, strength: "strong" },
  { re: /(?:怎么|怎样|如何|咋)(?:才能|能|可以)?(?:从[^，。！？,.!?]{1,10})?(?:回到?|去|到|走到|进到?|过去|切到)[^，。！？,.!?]{0,8}(?:厅|会场|房间|舞台|展厅|区|馆|楼|层|主场|分会场|室)/u, strength: "howTo" },
  { re: /(?:怎么|如何|咋|能不能|可以|能)(?:给|向|跟)(?:嘉宾|老师|讲者|主讲|主持人|主办方)(?:提问|发问|留言|私信|发消息|提个?问题)/u, strength: "strong" },
  { re: /(?:有|求)(?:没有)?(?:人|前辈|大佬|大神|朋友|过来人)(?:能|可以)?(?:给|提)(?:点|些|个|一些)?(?:建议|意见|指点|方向)/u, strength: "withProblem" },
  { re: /被(?:莫名其妙)?(?:移出|移除|踢出|踢了|禁言|封|拉黑|锁在)|莫名其妙(?:被|就)/u, strength: "strong" },
];

/**
 * Spans where a help cue does not mean the writer needs help: advice to others ("if anyone's stuck", "有卡住的朋友
 * 可以看置顶") and laughter ("救命笑死").
 */
export const HELP_CANCELS: readonly RegExp[] = [
  /\bfor (?:anyone|anybody|those|people|folks|whoever|others|the people|everyone) (?:who|that|stuck|still|looking|having|wondering|asking|struggling|confused|lost|trying|needing|missing|unable|can'?t|not)\b[^.,;!?:]{0,30}/u,
  /\bstuck (?:with (?:me|us|him|her|them|you|each other)|in my (?:head|mind))\b/u,
  /根本(?:听|看)不清/u,
  /(?:^|[.!?]\s*)(?:try|tip|pro tip|protip|psa|fyi|hint for|reminder)\b[^!?]{0,80}/u,
  /\bif (?:you|u|anyone|anybody|someone|somebody|they|people)\b[^.,;!?]{0,30}/u,
  /\b(?:anyone|people|those|someone|folks|others|everyone|anybody) (?:who|that)\b(?! (?:can|could) help| knows| (?:can|could) fix| is able)[^.,;!?]{0,30}/u,
  /\bcan'?t (?:hear|say|thank|agree|stress)[^.,;!?]{0,30}enough\b|\blost for words\b|\b(?:vanished|disappeared|gone) from my (?:mind|head|memory)\b/u,
  /(?:如果|要是)(?:你|大家|有人)[^，。！？,.!?]{0,12}|有[^，。！？,.!?]{0,6}的(?:朋友|人|同学|小伙伴)/u,
  /救命[^。.]{0,8}(?:笑|可爱|帅|好看|好听|绝|哈|太会|也太|好会|厉害|好甜|好暖|好强)|救命[^。.]{0,8}(?:好|太|也太|真)(?:幽默|有趣|可爱|帅|好看|好听|好笑|甜|暖|会|强|厉害|美|温柔|搞笑|逗)|(?:笑|可爱|帅|好看|好听|哈哈)[^。.]{0,8}救命/u,
];

/** As HELP_CANCELS, from the start of the clause to the match: "卡住的可以问我", "觉得职业发展卡住的人". */
export const HELP_CLAUSE_CANCELS: readonly RegExp[] = [
  /的(?:朋友|人|同学|小伙伴|宝子|姐妹|兄弟)?们?(?:可以|请|欢迎|记得|都可以|先|直接)[^，。！？,.!?]{0,6}(?:问|找|私信|看|刷新|联系|点|试试)|的人(?!物|气|家|设)|的(?:朋友|同学|小伙伴|宝子|宝宝|姐妹|兄弟|各位|家人)们?/u,
];

/** The line says the problem is gone: no help needed. */
export const RESOLVED =
  /\b(?:works now|working now|(?<!\b(?:be|get|gets|been|getting|was it|is it) )fixed(?: it)?(?!\s*\?)|figured (?:it )?out|never ?mind|nvm|solved|sorted|all good now|got it working|it'?s ok now|found it|not stuck|no longer stuck|cracked it|worked it out|got past it|(?:it'?s|is|are) back now)\b|\ball good\s*(?:[.!,]|$)|(?<!怎么|弄|才)好了(?!吗|没)|解决了|可以了|正常了|搞定|没事了|不用了|不用管|修好了|恢复了/u;

/** Addressed to the speaker about the topic: a how-to inside it is a question, not a member in trouble. */
export const SPEAKER_ADDRESS =
  /\b(?:what do you think|what'?s your (?:take|view|opinion)|do you think|in your (?:opinion|experience|view)|how do you (?:see|think|handle|deal|approach|manage|balance|find|choose|decide|feel about|stay)|how did you|why did you|would you|could you (?:talk|say|explain|elaborate|share|repeat|clarify|go)|your (?:talk|slides|book|team|company|startup|research)|(?:for|to|ask|asking) (?:the |our |both |all )?(?:speakers?|panel|panelists?|guests?)|^(?:speakers?|panel|panelists?)\b)\b|(?<!听|给|跟|向|看|和|把|让|等|有|有没有|有没有什么)(?:老师|嘉宾|讲者|主讲|分享者|前辈)|您|你们(?!说的|所谓)|你觉得|你认为/u;

/** A question (to the speaker, when SPEAKER_ADDRESS also holds). */
export const QUESTION = /[?？]|吗|呢|想问|请问|请教|求问|是如何|是怎么|\b(?:what|how|why|do you|would you|could you|can you)\b/u;

/** The writer speaks of themselves. */
export const FIRST_PERSON = /\b(?:i|i'm|im|i've|i'd|my|me|mine)\b|我(?!们)/u;

// ── Negative ──────────────────────────────────────────────────────────────────────────────────────────────────────

export const NEGATIVE_CUES: readonly NegativeCue[] = [
  // English: frustration, anger, complaint.
  {
    re: /\b(?:annoying|annoyed|annoys|frustrat\w*|infuriat\w*|angry|furious|pissed|hate|hated|hates|hating|terrible|awful(?! lot)|horrible|horrendous|worst|sucks|sucked|suck|useless|pointless|boring|bored|disappointed|disappointing|disappointment|ridiculous|unacceptable|unbearable|rude|gutted|miserable|upset|hopeless|depressed|depressing|panick?\w*|stupid|trash|garbage|lame|cringe|scam|ugh+|argh+|wtf|smh|ffs|fml|meh|stressful|heartbroken|devastated|pathetic|dreadful|crap|crappy|bummed|bummer|disaster|disastrous|nightmare|uncalled for|out of line|disrespectful|toxic|offensive|damn it|dammit|goddammit|embarrassing|humiliat\w*|shitty|sick of it|stressing me out|stressed out|rigged|cheating|cheated|sigh|botched|bullshit|(?:that|this|it) (?:was|is) (?:so |really |super |just )?painful|heart sank|heartbreaking|broke my heart|low energy|energy (?:here |in here )?is (?:so |really |super )?low|dead in here|train ?wreck|dumpster fire|shitshow|clown show|ruin(?:s|ed|ing)? (?:the|my|our|it|everything)|break ?up|broke up|divorce|got fired|laid off|lost my job|grieving|passed away|(?:mom|dad|mum|mother|father|grandma|grandpa|grandmother|grandfather|friend|brother|sister|wife|husband|partner|dog|cat|pet) (?:passed|died)|used to be (?:good|better|great|fun|nice)|(?:just|all|only|nothing but) ads|cop-?out|let ?down|let-down|unwatchable|unlistenable|unusable|unplayable|(?:clearly|obviously) (?:didn'?t|don'?t|doesn'?t|never|nobody|no one)|why (?:does|do|is|must) (?:this|it|everything) always|regret|regretting|(?:just|basically|nothing but|feels like|another) (?:a )?(?:sales|product) pitch|stfu|shut up|idiots?|morons?|kms|kill myself|(?:want|wanna) to die|wanna die|end it all|kill me now|(?:want|wanna|wish i could) (?:to )?disappear|big l|took an l|dropped the ball|ain'?t it|(?:is|was|kinda|pretty|so|lowkey|honestly) mid(?![\w-])|don'?t belong|do not belong|don'?t fit in|outsider)\b/u,
    weight: 2,
  },
  { re: /\b(?:waste of (?:an? |my |our )?(?:time|hour|evening|afternoon|morning|day|money)|(?:driving|drives|drove) me (?:crazy|nuts|insane|mad)|(?:makes|making|made) me (?:feel )?(?:so |really |very |super )?(?:mad|angry|sad|upset|uncomfortable|unsafe|anxious|nervous|scared|sick)|please stop(?=\s*[.!]|$)|tired of|sick of|sick and tired|fed up|had enough|can'?t stand|can'?t take (?:it|this)|i give up|rough (?:day|week|night|time)|expected (?:better|more)|what a mess|(?:a|such a|total|complete|hot) mess|taking forever|takes forever|took forever|painful to (?:listen|watch|sit)|this is a joke|what a joke|never (?:coming|joining|attending|going)(?: back| again| to)|enough with|stop with the|(?:can|could) (?:we|you) (?:please )?(?:stop|quit)|not doing (?:great|well|good|ok|okay)|(?:is|was|'s|are|were) (?:such |a total |an absolute )?a joke|(?:is|was|'s) (?:total |complete |absolute )?chaos|i'?m (?:so |just |really )?over (?:it|this)|can'?t (?:do|take|handle|deal with) (?:this|it|that) any ?more|everything(?: is|'s)?(?: going)? wrong|nothing (?:ever )?(?:goes|works) right|(?:fuck|screw) (?:this|that|it|off)|(?:stop|quit|enough with the) (?:spamming|trolling|interrupting|yelling|shouting|talking over)|oh joy|(?:having|had|going through) (?:such )?a (?:hard|tough|rough|difficult|terrible|bad|awful) (?:time|day|week)|(?:hard|tough|rough|difficult|terrible|awful|horrible|bad) (?:day|week|night|month|year)|promised\b[^.!?]{0,40}\b(?:but|and then|yet|and just)\b)\b|(?:^|[,.!]\s*)seriously\s*\?+\s*$/u, weight: 2, fixed: true },
  { re: /\b(?:no ?one|nobody|no-one)(?:'s| is| has| had| have| will| would| ever| even| actually| really| here| seems to| bothers? to| bothered to)* (?:acknowledg\w*|reads?|looks?|looked|checks?|checked|bothers?|bothered|reacted|reacts|welcomed|answers?|answered|answering|is answering|replies|replied|replying|responds?|responded|cares?|listens?|helps?|helped|moderating|doing anything|fixing|stopping|handling|talks?|talked|speaks?|noticed?|notices|invited|wants?|likes?|came|showed up|asked)\b|\b(?:ignor(?:ing|es|ed|e)|skipped (?:me|my)|cut(?:ting)? me off|left out)\b/u, weight: 2 },
  { re: /\b(?:not|n'?t|never|no longer)\s+(?:very |so |really |too |that |even |at all )?(?:happy|good|great|fun|ok|okay|fair|enjoyable|impressed|helpful|worth it|enjoying|enjoy|liking|loving it|cool)\b|\b(?:don'?t|didn'?t|doesn'?t|do not|did not) (?:really |even )?(?:like|enjoy|love)\b/u, weight: 2, fixed: true },
  { re: /\b(?:feel|feeling|felt|i'?m feeling)\s+(?:so |really |very |pretty |kinda |a bit |kind of |super |quite )?(?:down|low|blue|bad|awful|terrible|sad|lonely|alone|empty|useless|stupid|ignored|excluded|left out|invisible|worthless|out of place|unwelcome|unwanted|isolated|disconnected|overlooked|unheard|small|defeated|helpless|miserable|hopeless|drained|like (?:an outsider|a burden|a failure|giving up|crying|quitting|an idiot|a fraud|nobody|no one|i don'?t belong))\b/u, weight: 2 },
  { re: /\bsad\b|\bsadly\b|\bcry(?:ing)?\b|\bcried\b/u, weight: 2, soft: true },
  // English: weak on their own.
  { re: /\b(?:lonely|alone|exhausted|tired|stressed|anxious|anxiety|overwhelmed|worried|burn(?:ed|t)? ?out|burnout|depression|failure|can'?t (?:focus|concentrate|sleep))\b/u, weight: 1, self: true },
  { re: /\b(?:bad|slow|loud|messy|mess|confusing|uncomfortable|awkward|nasty|brutal|unreadable|inaudible|unfair|done with|talking over|can'?t follow|(?:sales|product) pitch|yikes|dragging|drags on|dragged on|forever|dodging|chaotic|shit|meh|painful|tedious|repetitive|unprofessional|disorgani[sz]ed|whoever keeps|too (?:much|long|many|loud|slow|quiet|short)|yelling|shouting|trolls?|trolling)\b/u, weight: 1 },
  { re: /\b(?:messed up|mess up|screwed up|blew it|ruined|embarrassed|dumb|struggling(?! to\b| with\b)|struggling (?:to|with) (?:find|pay|keep|make ends|cope|sleep|focus|stay|money|life|work|anxiety|depression|stress))\b/u, weight: 1, self: true },
  { re: /\b(?:lag|laggy|lagging|lags|froze|frozen|freez(?:es|ing)|crash(?:ed|es|ing)|died|dropped|cut(?:ting)? out|buffering|echo|delay(?:ed)?|glitch\w*|broken|missed|skipped|lost (?:all|my|the|our|everything|it|progress)|late|not started|hasn'?t started|still waiting|kicked (?:out|off)|disconnected|(?:audio|sound|video|stream|mic|connection) (?:problems?|issues?)|technical (?:issues?|problems?|difficulties))\b/u, weight: 1, problem: true },
  // English: sarcasm. A cheerful word on its own, then a problem; or set phrases.
  { re: /\b(?:thanks (?:a lot|a bunch|for nothing)|thanks for (?:cutting|ignoring|skipping|muting|kicking|the lag|nothing)|yeah,? right|(?:that|it) went so well|just my luck|what a surprise|as usual|as always)\b/u, weight: 2, fixed: true },
  { re: /\blove (?:how|that|it when)\b[^.!?]{0,60}(?:except|n'?t|never|not|again|lag|froze|crash|broke|skip|cut|cancel|ignor|late|delay|short)/u, weight: 2, fixed: true },
  {
    re: /\boh sure\b|\bcool,? cool,? cool\b|\b(?:that'?s|just) what (?:we|i) (?:all )?(?:came for|signed up for|paid for)\b|\bwho could have (?:predicted|guessed|seen (?:that|this|it) coming)\b|\bwhat a (?:shock|shocker)\b|\bcolou?r me (?:surprised|shocked)\b|\blove that for (?:me|us)\b|\bso glad (?:i|we) (?:waited|came|stayed|paid|woke up|skipped|showed up|bothered|sat through|spent)\b|\bjust (?:great|perfect|wonderful|fantastic|brilliant|lovely|awesome)\s*[.!]*\s*$|\breal (?:mature|professional|smooth|classy)\b/u,
    weight: 2,
    fixed: true,
  },
  // English: rhetorical questions.
  {
    re: /\bwhat'?s (?:even )?the point\b|\bwhy (?:even )?bother\b|\bis it too much to ask\b|\bhow hard is it to\b|\bwhat were they thinking\b|\bare you (?:kidding|serious)\b|\b(?:you'?ve|you have) got to be kidding\b|\bhow is (?:this|that|it) (?:ok|okay|acceptable|allowed|fair|even legal)\b|\bwho (?:thought|decided)\b[^.?!]{0,50}\b(?:was|is|would be) a good idea\b|\bwhy (?:do|does|did|would|is|are) (?:they|anyone|it|you|we) (?:even|always|keep|still)\b|\bwho asked\s*\??\s*$/u,
    weight: 2,
    fixed: true,
  },
  // English: giving up, boredom, being let down, contempt.
  {
    re: /\b(?:about|ready|going|gonna|want|wanna|tempted) (?:to )?(?:give up|quit|rage ?quit|leave)\b|\bgiving up(?: on (?:this|it|the \w+))?\s*(?:[.!,]|$)|\b(?:i|we|i'?ve|i have|just) (?:gave|given) up\s*(?:[.!,]|$)|\bgave up on (?:this|it|trying|the (?:hunt|quiz|puzzle|clue|riddle|event|talk|session|stream))\b|\b(?:i|we) quit\s*(?:[.!,]|$)|\brage ?quit\w*|\bcalling it quits\b|\bdone trying\b|\bi'?m (?:so |just |totally |honestly |officially )?done\s*(?:[.!,]|$)|\bi'?m so done\b|\bnot worth (?:the|my|our|a|an) (?:hassle|wait|time|money|effort|price|trouble|ticket|evening)\b|\b(?:going|goes|leads?|leading|led|got|getting|gets|went) (?:us |me )?nowhere\b/u,
    weight: 2,
  },
  {
    re: /\b(?:nodding off|dozing off|falling asleep|fell asleep|half asleep|snooze ?fest|yawn\w*|watching paint dry|bored to (?:death|tears)|bored out of my mind|(?:put|puts|putting|sending|sends) me to sleep)\b|(?<!\b(?:gen|plan|generation|type|class)\s)(?<![\w-])zz?(?![\w-])|🥱/u,
    weight: 2,
  },
  {
    re: /\b(?:atrocious|abysmal|appalling|god-?awful|subpar|disgusting|vile|revolting|outrageous|shameful|insulting|condescending|patroni[sz]ing|arrogant|dismissive|smug|passive[- ]aggressive|belittl\w*|discouraging|disheartening|demoralizing|demotivating|infomercial|creepy|should be (?:embarrassed|ashamed)|shame on|full of (?:trolls|spam|spammers|bots|ads|jerks|idiots|bugs|glitches|hate)|(?:an|one big|a glorified|basically an?|just an?) (?:ad|advert|advertisement|commercial)|in a (?:dark|bad) place|going through (?:a lot|some stuff|stuff|hell)|(?:a |such a )?(?:hard|tough|rough|difficult|bad|dark) (?:patch|period|phase|stretch|spot|season|few (?:days|weeks|months)))\b|\b(?:mods?|moderators?|hosts?|admins?) (?:are|is|were|was) (?:asleep|useless|nowhere|missing|absent|mia|awol|clueless|sleeping)\b/u,
    weight: 2,
  },
  {
    re: /\b(?:just|only|nothing but|all|basically) (?:\w+ ){0,3}(?:yelling|shouting|arguing|bickering|fighting|screaming|rambling|squabbling)\b|\b(?:yelling|shouting|talking) past each other\b/u,
    weight: 2,
  },
  {
    re: /\b(?:insufferable|intolerable|obnoxious|underwhelming|underwhelmed|uninspiring|forgettable|bland|dull|lackluster|lacklustre|mediocre|not a fan|not impressed|unimpressed|talking to a wall|talking to myself|(?:shouting|yelling|screaming) into the void|into the void|crickets|awkward silence|(?:sitting|standing) (?:around )?in silence|running on (?:empty|fumes)|(?:it'?s|it has|has) been a lot|(?:want|need) my (?:time|money|hour|evening) back|(?:hour|time|evening|minutes?)\b[^.!?]{0,15}\bnot getting back|never getting (?:that|those|it) [\w ]{0,10}back|badly (?:written|designed|organi[sz]ed|run|managed|planned|done|made|explained)|poorly (?:written|designed|organi[sz]ed|run|managed|planned|done|made|explained)|dodg(?:ed|es|ing) (?:every|all|the|my|each)|(?:quality|stream|video|picture) (?:is|was|looks) (?:potato|trash|garbage)|potato quality|(?:it'?s|is|this is) getting (?:so |really |kinda |pretty )?(?:lonely|boring|old|tiring|exhausting|annoying|ridiculous|worse|frustrating|painful))\b|\bif i (?:hear|see|get) [^.!?]{0,30}\bone more time\b/u,
    weight: 2,
  },
  {
    re: /\b(?:is|are|was|were|been) (?:so |really |just |kinda |pretty |absolutely )?(?:painful|cringe|cringey|embarrassing|tedious|unwatchable)\b|\b(?:farce|sham|charade)\b|\bnot (?:thrilled|amused|pleased|a fan)\b|\b(?:so|totally|completely|honestly|just) over (?:this|it|these|that)\b|\bwho actually (?:knows?|cares?|listens?|reads?|prepared|understands?)\b|\b(?:a whole lot of|much ado about) nothing\b|\ball talk\b|\b(?:zero|no) (?:structure|effort|thought|planning|organi[sz]ation|prep|preparation|substance)\b|\bwake me (?:up )?when (?:it'?s|this|the|they|we|someone|something)\b|\b(?:close to|on the verge of|near|in) tears\b|\b(?:is|was|what) a (?:total |complete |huge )?waste\b(?! of nothing)|\b(?:shouting|screaming|yelling) match\b|\bsnooze\b|\b(?:swing and a miss|missed the mark|fell flat|flopped|a flop|a dud)\b|\bgiv(?:ing|es) me (?:a headache|anxiety|the ick)\b|\b(?:i'?m|i am|feel|felt|feeling|bit|little|kinda|really|so) hurt\b|\bhurtful\b/u,
    weight: 2,
  },
  { re: /\b(?:flat|crackl\w*|distracting|static|buzzing|hissing|headache|corrupted|delay|delays|delayed|what happened to)\b/u, weight: 1, problem: true },
  { re: /\b(?:interrupt\w*|monologu\w*|laughed off|brushed off|brushed aside|shot down|keeps? happening|rip (?:my|our)|brain (?:is|'s) (?:fried|mush)|fried|frazzled|not helping)\b/u, weight: 1, self: true },
  { re: /\b(?:makes?|made|making) (?:no|zero) sense|doesn'?t make (?:any )?sense|\b(?:is|like) a maze\b|\blabyrinth\b|\btook (?:me |us )?(?:ages|forever|so long)\b|\bthe same (?:\w+ ){0,2}(?:people|dudes|guys|faces|speakers|names|voices|questions|jokes|slides)\b|\bwhy (?:is|are|do|does) (?:every|all|always|each)\b|\bpixelated\b|\bgrainy\b/u, weight: 1 },
  // English: weak on their own (more).
  { re: /\b(?:ugly|hideous|gross|clunky|janky|complain\w*|hassle|seriously|exhausting|draining|tiring|wearing me (?:out|down)|worn out|wiped out|running on fumes|no energy|arguing|bickering|squabbling)\b/u, weight: 1, self: true },
  {
    re: /\b(?:cut short|cut off|got cut|was cut|cancel(?:l)?ed|postponed|pushed back|drown(?:s|ing|ed)? (?:out|everyone|the)|louder than|reading (?:off |from )?(?:the |his |her |their )?(?:slides|script|notes)|word for word|(?:sitting|waiting|standing) (?:here |around )?(?:for )?(?:ages|forever|an hour|hours|\d+ ?(?:min|minutes|mins|hours))|waited (?:an hour|ages|forever|\d+ ?(?:min|minutes|mins|hours)|all (?:day|night|evening))|still no (?:start|sound|video|audio|reply|answer|response|word|update|host|speaker|sign)|(?:quit|bailed|walked out|gave up) on (?:me|us)|ditched (?:me|us)|skipping (?:me|my|our)|spamming|spammed)\b/u,
    weight: 1,
    problem: true,
  },
  // English: a one-word verdict on its own at the end or start of the line ("…for 30 minutes. painful", "Exhausting.").
  { re: /(?:^|[.!?]\s*)(?:painful|brutal|tragic|exhausting|embarrassing|disappointing|pathetic|tedious|unbearable|cringe|yikes|awful|terrible|boring|sad|ugh|oof)\s*[.!]*\s*$|^(?:painful|brutal|tragic|exhausting|embarrassing|disappointing|pathetic|tedious|cringe|yikes|oof)\s*[.!]+/u, weight: 2, soft: true },

  // Chinese: frustration, anger, complaint, distress.
  { re: /(?<!麻)烦(?!请)|无聊|失望|生气|气死|气人|气炸|火大|愤怒|不爽|恼火|呵呵|垃圾|(?<!灿|破)烂(?!漫)|差劲|差评|废话|受够|讨厌|恶心|想哭|难过|伤心|难受|孤单|寂寞|崩溃|绝望|郁闷|心累|累死|撑不下去|熬不下去|坚持不下去|扛不住|低落|沮丧|委屈|糟糕|糟心|闹心|扫兴|晦气|倒霉|心塞|憋屈|急死|烦躁|(?<![a-z])emo(?![a-z])|栓q(?![a-z])|芭比q(?![a-z])|寄了|冷落|被忽视|被无视|没人(?:理|回|管|看|听|在意|在乎|关心|回应|回复|搭理|鸟|招呼|问)|不理我|浪费(?:我的)?时间|什么鬼|搞什么|搞啥|什么破|这也叫|凭什么|神经病|有病|没意思|离谱死|想砸|摔手机|太过分|受不了|下头|无力吐槽|什么玩意|啥玩意|(?:好|真|太|超|很|特别|真的很|真的好|有点)气(?!派|色|质|氛|候|温)|气哭|气到|(?:好|很|太|真)丧|丧气|难顶|顶不住|看不下去|听不下去|待不下去|玩不下去|敷衍|坑爹|坑人|心态崩|会谢|就这(?=[?？。!！]|$)|就这水平|失望透顶|不耐烦|啰嗦|罗嗦|废话多|话(?:太|好|真)多|扯淡|(?:太|好|真|很)扯|白白浪费|浪费(?:了)?[^，。！？,.!?]{0,5}(?:时间|小时|生命|感情|晚上|下午)|消停|(?:太|好|真|很)糟|糟透|没劲|撑不住|格格不入|戾气|黑幕|暗箱|作弊|不公平|腻了|看腻|听腻|放弃了|我放弃|不玩了|唉(?!呀|哟)|离大谱|(?:自己|我)(?:好|太|真|真的|有点)?蠢|痛苦|一团糟|一团乱|乱七八糟|一塌糊涂|什么跟什么|没礼貌|不礼貌|无礼|没素质|毁了|毁掉|认真的吗|恨(?!不得)|失落|避重就轻|答非所问|绕圈子|(?:明显|显然|根本)(?:没|不)(?:测试|准备|安排|考虑|用心)|透明人|没存在感|(?:能|可以|就不能)别|别老|别总|困死|后悔|折磨|(?:就是个?|纯|全是|都是|感觉是)[^，。！？,.!?]{0,3}(?:卖货|带货|广告|推销)|小丑竟是我|我是小丑|生无可恋|累觉不爱|心如死灰|想死|不想活|活着(?:好|真|太)?累|轻生|自杀|血压(?:上来|飙升|高|拉满)|高血压|整个人都不好|拉胯|拉垮|(?<!天|变|有点|着)凉了|凉凉|心态(?:炸|崩|爆炸)|(?:有点|好|太|很|真|这么)水(?!果|平|印|晶|杯|灵|墨|彩|饺|面|泥|电|管|准|费)|tmd|他妈的|妈的|mmp|cnm|nmsl|傻逼|傻b|脑残|滚蛋|滚出去|又是(?:技术|故障|广告|卡|bug|这样|这个问题|延迟|那几个|他)/u, weight: 2 },
  { re: /(?:快|要|被|搞|逼)疯|疯掉|(?<!说|征|克|佩|信|舒|衣|制|被)服了|吐了|醉了|裂开|麻了|哭了|哭死|大哭|破(?:大)?防/u, weight: 2, soft: true },
  { re: /(?:不|没)(?:太|怎么|很|那么)?(?:开心|高兴|快乐|好玩|有意思|有趣|满意|舒服|喜欢|好用|靠谱|专业|顺利|享受|尊重|负责|走心|用心)|心情(?:不好|很差|差|低落|糟|不佳|不太好)|说好的[^。！？!?]{0,16}(?:结果|却|怎么|但)|我(?:真的|是)?(?:太|好)难了|能不能(?:快点|快|别|不要|停|安静|管管|专业|尊重)|说好的[^，。！？]{0,12}呢|别再[^，。！？]{1,8}了|每次都这样|总是这样|老是这样/u, weight: 2, fixed: true },
  { re: /又(?:卡|断|掉|黑屏|白屏|崩|挂|没|进不|听不|看不|登不|连不|错过|被|延迟|闪退|出问题|出错|失败|输|是这样|拖|迟到|要排队|要等|开始|重新|延后|推迟|改期|取消|emo(?![a-z]))/u, weight: 2, fixed: true, soft: true },
  { re: /压力(?:好|太|很|特别|超|真|巨|非常|有点)大/u, weight: 2, fixed: true },
  { re: /无语|离谱|有意思吗|图啥|图什么|至于吗|何必呢/u, weight: 2, soft: true },
  { re: /尬/u, weight: 1, soft: true },
  { re: /\b(?:getting )?out of (?:hand|control)\b/u, weight: 2, soft: true },
  {
    re: /谁信(?:啊|呢|吗|呀)?|鬼信|骗谁|骗鬼|也就这样|就这样吧|不过如此|没(?:什么|啥)亮点|没亮点|平平无奇|马赛克|渣画质|画质(?:好|太|很|真)?(?:差|烂|渣|糊)|(?:看|听)广告|广告(?:太|好|真|也太)多|干货(?:一点)?(?:都|也)?(?:没有|没)|没(?:有|什么|啥)?干货|毫无干货|(?:每次|总是|老是|永远|又)(?:都)?是那几个|就那几个人|心酸|辛酸|水得(?:一批|很|不行|要命|离谱)|走形式|形式主义|提前安排好|内定|结果(?![里中上出页])[^，。！？,.!?]{0,6}(?:一般般?|就这|不行|很差|没有|没了|取消|失望|翻车)|翻车|冷漠|不知所云|(?:太|好|真|也太)拉(?!风|面|开|着|近|手|住)|老掉牙|陈词滥调|炒冷饭|老生常谈|就剩我|只剩我|刷存在感|寒酸|抠门|一言难尽|(?:当成|当)空气|急急急|有(?:什么|啥)意义|意义何在|(?:的)?时间不是时间|刺耳|没人(?:愿意|想)(?:跟|和|理|搭理)我/u,
    weight: 2,
  },
  // Chinese: contempt, a sham, nobody doing their job, being let down, boredom, self-deprecation.
  {
    re: /什么都不(?:管|做|干|回)|啥都不(?:管|做|干)|不作为|不闻不问|无视|忽视|(?:太|好|真|很|也太)假(?:了|吧)?(?![期日装设如若使])|假惺惺|刷票|做票|内幕|猫腻|半成品|走过场|画大饼|画饼|作秀|糊弄|忽悠|凑数|车轱辘|耳朵(?:要|都)?(?:聋|疼|痛|炸)|震耳朵|(?:我|自己)(?:真是|真的|也)?(?:太|好|真|这么)菜|太菜了|菜哭|菜死|wtcl|不值(?!一提|得一)|不值得|白来|白等|白跑|血亏|毫无(?:意义|价值|诚意|新意|逻辑|营养|体验|干货|准备)|没有意义|没意义|这就是(?:你们)?(?:说的|所谓的|传说中的)|这也(?:能|配)叫|说是[^。！？!?]{0,12}(?:结果|却|其实)|(?:听|看)得(?:我)?(?:头|脑壳|脑袋)(?:疼|痛|大)|脑壳(?:疼|痛)|(?:听|看)得(?:想睡|犯困|难受|烦|尴尬)|(?:就是|纯属|纯纯|全是|都是|一直在|只会)(?:在|个|一个|一群|两个人在|几个人在|互相)?(?:吵架|抬杠|互喷|对骂|掐架|撕|念稿|念ppt|打广告|卖货|尬聊|凑数|走过场|摆设)|哈欠|打瞌睡|犯困|昏昏欲睡|催眠|(?:快|要|听|看|都)睡着|根本(?:听|看)不清|(?:声音|音乐|音量|背景音乐?|麦|bgm)[^，。！？,.!?]{0,4}太(?:大|响|吵|小|轻|炸)/u,
    weight: 2,
  },
  // Chinese: weak on their own.
  { re: /焦虑|抑郁|孤独|失眠|失恋|压力大|(?<!积|连|劳)累(?!计|积)|失败|害怕|迷茫|无奈|摆烂|尴尬|丢人|不顺(?!便)|没(?:有)?朋友/u, weight: 1, self: true },
  { re: /(?<!打|刷|信用|银行|会员|门|饭|贺|磁|读)卡(?!片|牌|通|住|在|点|位|包|券|死|号|套|槽)|延迟|掉线|断线|断了|闪退|错过|没中|跳过|还没(?:开始|好|修好|解决|轮到)|等了(?:半天|好久|很久|半小时|一个小时|\d+分钟|这么久|那么久)|排队|拖堂|折腾|崩了|念稿|念ppt|吐槽|抢话|插话|打断|技术故障|故障|断断续续|砍了|被砍|砍掉|取消了|被取消|推迟|延期|被切|切掉|盖住|盖过|刷屏|抢麦|回音|电流声|杂音|噪音|爆音|开场就|名额(?:已)?满|满员了|没名额|抢不到|没抢到/u, weight: 1, problem: true },
  { re: /吵|挤|(?<!胡)乱(?!码)|模?糊(?!涂)|(?<!慢)慢(?!慢|点|走|用)|(?<!相|出|时|误|偏|温|落)差(?!不多|点|一|距|异|别|值)|坑|一头雾水|丑|难看|算了(?:算了)?|不等了|不看了|不听了|(?<![撤先])退了|抬杠|吵架|互喷|对骂|所谓的|吼|啊这|落单|一般般|拖(?!堂|鞋|把|动|拽|到|进|延|住)|看稿|读稿|一点(?!问题|毛病|压力|延迟|卡|都不)[^，。！？,.!?]{0,4}(?:都|也)没有|全跑了|抢[^，。！？,.!?]{0,4}的话|不是来[^，。！？,.!?]{0,6}的|听不懂|看不懂|头大|头疼|头痛|冷清|困(?!难|扰|境|惑)|不行|不好(?!意思|说|讲)|太难|好难/u, weight: 1 },
  // Emoji. Angry faces and the eye-roll say it alone; sad ones need company.
  { re: /[😡😠🤬💢😤🙄😒👎]/u, weight: 2, fixed: true },
  { re: /[😭😢😞😔😩😫☹🙁😣😖💔😿😑😓😰😥😟😕😪🤦]/u, weight: 1, fixed: true },
];

/** A cheerful word on its own at the start of a clause or at the end ("great, another lag spike", "真棒，又掉线了"): sarcasm when the line also names a problem. */
export const SARCASTIC_OPENER =
  /(?:^|[.!?,;:]\s*)(?:oh |just |yay,? |wow,? |well,? )?(?:great|perfect|wonderful|fantastic|awesome|lovely|brilliant|cool|nice|amazing|excellent|splendid|terrific|love it|just what i needed|shocking|what a surprise|surprise,? surprise|classic|typical)(?=\s*[,.!…]|\s*$)|(?:^|[，,。.!！?？…~\s])(?:真棒|太棒了|好极了|真好|真行|可真行|厉害了|优秀|真不错|好家伙|绝了|真绝|可以的|行吧|挺好|(?:真是|可真是|可真|还真是)(?:太|好|够)?(?:包容|贴心|周到|专业|用心|准时|高效|厉害|优秀|棒|好))(?:了)?(?:啊|呀|哦|呢|嘛)?(?=[，,。.!！?？…~\s]|$)/u;

/** Strong words used as praise or laughter ("insanely good", "笑死", "强到离谱", "感动哭了"): cues inside them do not count. */
export const NEGATIVE_CANCELS: readonly RegExp[] = [
  /\b(?:insanely|crazy|ridiculously|absurdly|scary|terrifyingly|wickedly|sick|unbelievably|brutally|stupidly) (?:good|smart|fast|talented|fun|cool|well|great|impressive|helpful|clever|funny|catchy|beautiful|hard but)\b/u,
  /\bused to (?:hate|be (?:scared|afraid|nervous|shy|bad at)|feel|get)\b[^.,;!?]{0,20}|\bis it (?:normal|ok|okay|common|weird) to\b[^.?!]{0,25}|\bsad (?:to see|that) (?:it|this|you)(?:'s| is)? (?:end|ending|over|go)\w*/u,
  /\b(?:hate|hated) (?:how|that) (?:good|much|great|fun|addictive|well)\b[^.!?]*/u,
  /\bnot (?:a fan|into|big on)\b[^.!?]{0,30}\buntil\b|\bso bad (?:it'?s|it was|that it'?s) (?:good|great|funny)\b|\b(?:nobody|no one|no-one) (?:reacts|responds|hears me|can hear me) when i\b/u,
  /离谱[^。.]{0,10}(?:居然|竟然)[^。.]{0,10}(?:第一|赢|找齐|通关|拿了|中了|做到|答对)/u,
  /\bsad (?:to see|that|this|it)\b[^.!?]{0,25}\b(?:end|ending|ends|over|last|go|goes|done|finished)\b|\bugh+,? (?:i )?(?:love|so good|so cute|amazing|this is so good)/u,
  /\bholy (?:crap|shit|cow)\b|\b(?:the )?worst (?:part )?is (?:over|behind)\b|\bhate to (?:say|admit|interrupt|break|ask|bother)\b|\bcrying (?:laughing|with laughter)\b|\bnot sorry\b/u,
  /笑死|笑哭|笑到|(?:听|看)得?哭|服了[^。.]{0,10}(?:太厉害|太强|牛|神了|绝了|佩服)|笑疯|笑裂|笑崩|感动(?:得)?哭|哭了[^，,。.]{0,3}(?:太感人|太感动|好感动)|好哭|泪目|(?:强|好|帅|美)到离谱|离谱[^。.]{0,16}(?:好强|太强|厉害|牛|好帅|太帅|神了|绝了|好看|好听|可爱|好笑|好玩|精彩|太棒|上头)|(?:紧张|焦虑|害怕)正常吗|离谱(?:地)?(?:好|强|帅|厉害)|(?:可爱|帅|好看|好笑|好听|好吃|美)(?:到|得)(?:受不了|哭|想哭|离谱|崩溃|裂开)|(?:哭死|哭了|想哭|泪目)[^。.]{0,8}(?:太|好|也太|真)(?:温柔|感人|感动|好看|好听|可爱|帅|美|棒|暖|甜|厉害|优秀|强|绝|好)|(?:太|好|也太|真)(?:温柔|感人|感动|好看|好听|可爱|帅|美|棒|暖|甜|厉害|优秀|强|绝|好)[^。.]{0,8}(?:哭死|哭了|想哭|泪目)/u,
];

/** The whole clause is meant kindly: "driving me crazy in the best way". */
export const NEGATIVE_CLAUSE_CANCELS: readonly RegExp[] = [/\bin (?:the|a) (?:best|good) way\b/u];

/** Being moved: `soft` cues ("crying", "哭了") are tears of joy there. */
export const MOVED = /\b(?:touching|moving|heartwarming|wholesome|beautiful|so sweet)\b|感动|感人|太暖|好暖|泪目|温柔/u;

/** Laughter in the line: `soft` cues ("服了", "crying") are jokes there. Runs of one letter are cut to one, so "hhhh" reads "h". */
export const LAUGHTER = /哈哈|(?<![a-z])h(?![a-z])|233|笑死|笑哭|xswl|😂|🤣|😆|\b(?:lol|lmao|lmfao|rofl|haha\w*|hehe|xd)\b/u;

/** "X but Y": what follows the last contrast word is what the writer means, when it is praise. */
export const CONTRAST = /\b(?:but|though|yet|however|turns out|actually)\b|但是|但|不过|结果|可是|没想到/u;
export const PRAISE = /(?:上头|过瘾|带劲|爽|值了|没白来|收获|学到)|\b(?:interesting|gripping|insightful|inspiring|fascinating|engaging|worth)\b|\b(?:amazing|great|awesome|fun|love|loved|enjoy|enjoyed|good|cool|nice|fantastic|best|worth it|hope|helpful|brilliant|excellent|incredible|wonderful)\b|精彩|好玩|开心|喜欢|棒|好看|值得|有意思|有趣|不错|感动|太好|厉害|牛|爱了|好听|赞|有信心|惊艳/u;

/** Negators before a cue turn it round ("not bad", "不难过", "别难过", "一点也不无聊"). */
export const EN_NEGATOR = /^(?:not|no|never|nothing|hardly|barely|without|nor|cannot|\w+n't|dont|doesnt|didnt|isnt|wasnt|arent|werent|cant|couldnt|wouldnt|shouldnt|havent|hasnt)$/u;
/** Verbs a negator turns round by itself ("can't believe", "can't wait"): a cue after them is not negated. */
export const NEGATOR_OWN_VERB = /^(?:believe|imagine|wait|say|tell|stop)$/u;
export const ZH_NEGATION_BEFORE = /(?:不|没|没有|别|不是|并不|从不|不会|不算|毫不|无)(?:很|太|那么|这么|怎么|是|算|会|觉得|感到|再)?$/u;

/** Intensifiers right before a weak cue make it count ("so slow", "好卡", "really uncomfortable"). */
export const EN_INTENSIFIER_BEFORE = /\b(?:so|too|very|far|really|super|extremely|incredibly|totally|completely|absolutely|such|pretty|quite|kinda|kind of|a bit|way|damn|freaking|fucking|utterly|truly|unbearably|feel|feeling|felt|soo+|painfully|annoyingly|frustratingly|ridiculously|horribly|terribly|awfully|impossibly|excruciatingly)\s+$/u;
export const ZH_INTENSIFIER_BEFORE = /(?:好|太|真|真的|很|非常|超|超级|特别|有点|有些|巨|贼|挺|也太|太过|这么|那么|越来越|实在|简直|完全|好多|极|极其|极度|死)$/u;

/** Intensifiers right after a weak cue ("尴尬死了", "焦虑到爆炸", "annoying af"). */
export const ZH_INTENSIFIER_AFTER = /^(?:到(?:爆炸|崩溃|不行|极点|爆|哭)|死了?|得要命|得不行|得一批|得很|透了|爆了|(?:很|太|特别|非常|好)?严重)/u;
export const EN_INTENSIFIER_AFTER = /^\s*(?:(?:is|are|was) )?(?:through the roof|af|as hell|as sin|as heck|beyond belief|like crazy|so much|so badly|a lot)\b/u;

/** The writer as subject, shortly before a `self` cue ("I feel so alone", "我好焦虑", "感觉自己好失败"). */
export const EN_SELF_BEFORE = /\b(?:i|i'm|im|i am|my|i feel|i felt|feeling|i've been|me|myself|makes me)\b/u;
export const ZH_SELF_BEFORE = /我|自己|感觉|觉得|心里|最近|这几天|这段时间|刚刚|刚(?![才好])/u;

/** The problem come back yet again, counted: "the third time", "4th time", "第三次". Weighs 2 beside a problem. */
export const REPEATED_FAILURE = /\b(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)|nth|umpteenth) (?:time|delay|crash|disconnect|reschedule)\b|第[二三四五六七八九十\d]+次/u;

/** Frustration with a problem: again, still, 还是, 好几次, 到底. Counted only beside a problem. */
export const FRUSTRATION_MARKERS: readonly RegExp[] = [
  /\bagain\b|又/u,
  /\bstill\b|还是/u,
  /\bseriously\b|到底/u,
  /[?!？！]{2,}/u,
  /\b(?:\d+|two|three|four|five|six|several|many|a few|so many) times\b|好几次|好多次|几次了|\d+次了|[两三四五几\d]+遍|\banother\b|根本/u,
  /\bfor (?:ages|hours|an hour|half an hour|\d+ (?:minutes|mins|hours)|(?:ten|fifteen|twenty|thirty) minutes)\b|半天|(?:十|二十|三十|\d+)分钟了?|半小时|一个小时/u,
];

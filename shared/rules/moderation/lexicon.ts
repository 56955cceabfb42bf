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
  "进(?!步|行|化|展|修|一步|而)|换边|换队|换房间|下台|举报|拉黑|屏蔽|进去|进入|进场|加入|登录|登陆|开麦|闭麦|上麦|下麦|举手|发言|上台|投票|签到|打卡|扫码|扫|静音|取消静音|退出|回到|回去|返回|下载|共享|分享屏幕|重连|刷新|看回放|看直播|看录像|看ppt|看字幕|兑换|报名|组队|传送|私信|上传|切换|设置";
/** Everyday verbs: a how-to only beside a thing of the venue ("这个怎么玩", "怎么把音乐关掉"), not "怎么找工作". */
const ZH_GENERIC_ACTIONS =
  "找|看到|看|听|用|开(?!始|心|会|发|放|展|源|拓|玩笑|除)|关(?!系|注|于|心|键)|调(?!整心|研|查)|换|改(?!变|进|善|革)|玩|走|弄|搞|整|操作|提问|连(?!续)|领|提交|解锁|参加|出去|移动|恢复|把|让|邀请|保存|说话|算|分|计算|排";
/** Things of the venue and the event, in Chinese (and "这个", "这里": the thing in front of the member). */
export const ZH_THINGS =
  "辩论|答案|谜题|题目|手机|电脑|表情|回应|功能|工具|入口|按钮|链接|设置|菜单|展厅|会场|舞台|地图|回放|录像|ppt|课件|线索|二维码|字幕|出口|通道|开关|选项|签到|投票|麦克风|麦|摄像头|聊天|问答|排行榜|积分|寻宝|提示|声音|音量|音乐|屏幕|页面|界面|网页|直播|房间|头像|昵称|名字|语言|账号|密码|app|网站|浏览器|耳机|这个|这里|这边|那里|那边|徽章|奖励|任务|队伍|小组|活动|门票|位置|座位";

/** A thing of the venue in the clause around a how-to: the test `howToThing` cues need. */
export const THING = new RegExp(`\\b(?:${EN_THINGS})\\b|\\b(?:it|this|here)\\s*(?:[?.!,]|$)|${ZH_THINGS}`, "u");

/** Verb + 不/没 + result: "进不去", "听不到", "扫不上". An A-not-A question ("上不上台") is left out by the backreference. */
const ZH_CANNOT =
  /(加载|登录|登陆|下载|上传|识别|提交|保存|签到|连接|显示|进|登|连|听|看|打|开|关|扫|发|找|点|上|用|改|换|动|退|签|投|刷|播|放|调|说|举|收|翻)(?:不|没)(?:太)?(?!\1)(去|来|了|到|见|清|开|出|上|进|掉|动|着|好|全)/u;

export const HELP_CUES: readonly HelpCue[] = [
  // English: asking for help outright.
  { re: /\b(?:(?:pls|plz|please) fix|halp|hlp|help me|help us|helpp?\s*pl(?:ea)?se?|pl(?:ea)?se?\s+help|pls help|need(?:s)? (?:some |a little |urgent )?(?:help|support|advice|assistance)|need a hand|could (?:really )?use (?:some |a little )?(?:help|a hand)|any help|sos)\b/u, strength: "strong" },
  { re: /(?:^|[.!?,;:]\s*)help\b(?!\s*(?:desk|center|centre|page|section|button|channel|menu|docs?|is|was|and))/u, strength: "strong" },
  { re: /(?<!\b(?:the|your|for|his|her|their|of|great|big|no|to|some|any|a little)\s)\bhelp\s*(?:[!?]|$)/u, strength: "strong" },
  {
    re: /\b(?:can|could|would|will) (?:someone|somebody|anyone|anybody|you|u|a host|the host|a mod|the mods?|an admin|the admins?|a moderator|an organi[sz]er|the organi[sz]ers?)(?: please| pls)? (?:help|assist|fix|reset|unmute|unlock|let me|show me|tell me|explain|guide|walk me|check|look|step in|do something|intervene|handle|deal with|remove|ban|kick|block)/u,
    strength: "strong",
  },
  { re: /\b(?:can|could|would|does) (?:anyone|someone|somebody|anybody) (?:talk|chat|listen)\b|\b(?:someone|somebody|anyone) to talk to\b|\btalk to me\b/u, strength: "strong" },
  { re: /\b(?:any|got any|need a|need some) (?:hints?|fix|fixes|solution|solutions|workaround)\b|\bhint (?:please|pls)\b/u, strength: "strong" },
  // English: stuck, or something of theirs does not work.
  {
    re: /\b(?:can'?t|cannot|can not|couldn'?t|unable to|not able to|won'?t let me|doesn'?t let me)\s+(?:even\s+|seem to\s+|figure out how to\s+|literally\s+|really\s+|still\s+|just\s+)?(?:figure (?:it |this )?out|hear|see|join|get (?:in|into|to|on|out|back|through|up|onto|there)|go up|enter|find|access|log ?in|sign ?in|connect|reconnect|unmute|speak|talk|vote|scan|load|open|click|move|type|send|share|raise|check[ -]?in|turn (?:on|off)|use|play|watch|rejoin|leave|change|switch|submit|upload|save|register|claim|see anything|hear anything)\b/u,
    strength: "strong",
  },
  {
    re: /\b(?:doesn'?t|does not|don'?t|do not|isn'?t|is not|aren'?t|are not|won'?t|wont|will not|didn'?t|did not|wasn'?t|stopped|not)\s+(?:even\s+|really\s+|seem to\s+)?(?:work|working|load|loading|open|opening|respond|responding|show|showing|connect|connecting|scan|scanning|play|playing|count|counting|register|save|saving|send|sending|go through|move|moving|budge|start|starting|unmute|turn on|advance|scroll|zoom|resize|detected|recogni[sz]ed|picking (?:anything |me |my voice )?up|update|updating)\b/u,
    strength: "strong",
  },
  {
    re: /\bwhy (?:can'?t|cannot|won'?t|wont|doesn'?t|isn'?t|aren'?t|is|does|do) (?:i|we|it|my \w+|the \w+|this \w+)(?: \w+)?(?: not)? (?:hear|see|join|get in|enter|connect|load|work|working|open|play|scan|vote|unmute|speak|send|show|showing|loading)\b/u,
    strength: "strong",
  },
  { re: /\b(?:stuck|locked out|kicked out|logged out|black screen|blank screen|white screen|no sound|no audio|no video|greyed out|grayed out|nothing happens|nothing happened|nothing loads|nothing shows|does nothing|did nothing|connection lost|lost connection|reconnecting|out of sync)\b|\bnothing(?: is|'s)? (?:loading|working|showing|happening|appears)\b/u, strength: "strong" },
  { re: /\bmy (?:sound|audio|video|mic|microphone|camera|cam|screen|stream|chat|avatar|character|connection|internet|wifi|headset|headphones|points|progress|game|page|app|browser|phone|laptop|computer|pc|tab|account|map|name|team|group|badge|streak|clues?|hand)\b[^.,;!?]{0,20}\b(?:gone|dead|died|missing|disappeared from|broken|frozen|froze|black|blank|silent|stopped|disappeared|vanished|reset|upside down|invisible|glitching|stuck)\b|\bscreen\b[^.,;!?]{0,15}\b(?:black|blank)\b/u, strength: "strong" },
  { re: /\b(?:isn'?t|doesn'?t|didn'?t|won'?t|not) do(?:ing)? anything\b|\bnever (?:showed|shows|loaded|loads|appeared|appears|came|worked|works|opened|arrived)\b|\b(?:froze|frozen|stuck|hangs?|hanging) on (?:the )?(?:loading|login|start|black|white|blank)\b|\b(?:is (?:that|this|it) a bug|bugged|a bug\?|glitched)\b|\b404\b|\bpage not found\b|\b(?:frozen|froze|black|blank|stuck|broken|nothing|missing|gone|not working|isn'?t working|doesn'?t work)\b[^.,;!?]{0,20}\b(?:on my (?:end|side|screen)|for me)\b|\b(?:on my (?:end|side|screen)|for me)\b[^.,;!?]{0,20}\b(?:frozen|froze|black|blank|stuck|broken|missing|gone|not working|isn'?t working|doesn'?t work)\b|\b(?:leads|goes|takes me|sends me|opens) to (?:a |an )?(?:blank|empty|white|black|error|wrong|dead)\b|\b(?:can|could) only (?:hear|see)\b|\b(?:who|that) (?:can|could) help\b|\b(?:able|around) to help\b|\b(?:can'?t tell|not sure|no idea|don'?t know) (?:if|whether) (?:my|the) [\w ]{1,15} (?:is|works|working|on)\b|\bshould i (?:refresh|reload|restart|rejoin|reconnect|reinstall)\b|\b(?:loading forever|still loading|stuck loading|keeps loading|won'?t stop loading|infinite loading|spinning forever)\b|\b(?:asking|asks|asked) (?:me )?for (?:a |the )?(?:password|passcode|code|login|key|invite)\b|\b(?:neither|none|nothing|nobody)\b[^.!?]{0,20}\blets? me\b|\bnot allowed to\b|\b(?:no|don'?t have|without) permission\b|\bpermission denied\b|\b(?:won'?t|doesn'?t|isn'?t|not|can'?t)\b[^.,;!?]{0,25}\bon my (?:side|end|screen|phone|laptop|computer)\b|\b(?:anyone|anybody|someone) (?:know|knows|have|has|got) (?:a |any )?(?:fix|solution|workaround)\b/u, strength: "strong" },
  { re: /\b(?:shows?|showing|says?|stuck (?:at|on)) (?:0|zero|nothing|no points|an error|error|offline)\b|\bdown for (?:everyone|everybody|anyone)\b|(?:\bor\b|\?)\s*(?:is it )?(?:just|only) me\b|\b(?:won'?t|doesn'?t|didn'?t|wouldn'?t) let (?:me|us)\b|\b(?:i |we )?(?:hear|see|get) nothing\b|\bcan'?t hear a thing\b/u, strength: "strong" },
  { re: /\b(?:can|could) (?:anyone|anybody|you|everyone|someone|y'?all|u) (?:hear|see) me\b|\bwhat (?:am i|are we) (?:supposed|meant) to do\b/u, strength: "strong" },
  {
    re: /\b(?:having|have|has|had|got|getting|experiencing)\s+(?:some |any |a lot of |lots of |so many |major )?(?:(?:audio|sound|video|mic|camera|connection|connectivity|login|loading|tech|technical|network|internet|wifi|streaming|lag) )?(?:issues|trouble|difficulties|difficulty)\b|\b(?:audio|sound|video|mic|camera|connection|login|loading|tech|technical|network|internet|wifi|streaming) (?:issues|problems)\s*\?/u,
    strength: "strong",
  },
  { re: /\bkeeps? (?:getting )?(?:disconnect\w*|kick\w*|logging (?:me )?out|crash\w*|freez\w*|lagging out|falling through)/u, strength: "strong" },
  { re: /\bi'?m (?:so |completely |totally |a bit |kinda |really )?lost\b(?! for words)|\bwhere did (?:it|my \w+|the \w+) go\b|\b(?:or )?is it (?:just )?me\b/u, strength: "strong" },
  { re: /\bsays? "?(?:error|failed|invalid|expired)|\berror (?:code|message)\b|\bexpired\b/u, strength: "strong" },
  { re: /\b(?:what (?:should|do|can) i do|what am i (?:doing wrong|missing)|(?:don'?t|do not|dunno|not sure|no idea) (?:know )?(?:what to do|who to (?:talk|turn) to|where to (?:go|turn|start)|how to)|show me how)\b/u, strength: "strong" },
  // English: how-to and where-is questions.
  { re: new RegExp(`\\bhow (?:on earth |the hell |tf )?(?:do|can|should|would|could|does|to) (?:i|we|you|u|one)? ?(?:${EN_PRODUCT_ACTIONS})\\b`, "u"), strength: "howTo" },
  { re: new RegExp(`\\bhow (?:on earth |the hell |tf )?(?:do|can|should|would|could|does|to) (?:i|we|you|u|one)? ?(?:${EN_GENERIC_ACTIONS})\\b|\\bhow (?:do|does) (?:the |these |this |it)?(?:[\\w-]+ ){0,2}work\\b|\\bhow (?:do|does) (?:the |these )?[\\w-]+ (?:get )?(?:count|calculated|counted|scored|assigned|picked)\\b`, "u"), strength: "howToThing" },
  { re: /\bwhere (?:do|can|should|would) (?:i|we)\b|\bwhere (?:do|does|did|will) (?:the |my )?[\w-]+ (?:show up|appear|go)\b/u, strength: "howToThing" },
  { re: /\b(?:which|what) (?:button|link|option|tab|page|menu|icon|room|door|one|settings?|key) (?:do|should|can|would|am) (?:i|we)\b|\bwhich (?:button|link|option|tab|page|menu|icon|room|door|one|settings?|key|team|group) (?:is|are) (?:the |my )?(?:right|correct|ours|mine|it)\b/u, strength: "howTo" },
  { re: /\b(?:don'?t|do not|can'?t|cannot) see (?:the|my|a|any)\b|\b(?:anywhere|nowhere)\b/u, strength: "howToThing" },
  { re: new RegExp(`\\bcan (?:i|we) (?:still |now |also |even )?(?:${EN_PRODUCT_ACTIONS})\\b`, "u"), strength: "howTo" },
  { re: new RegExp(`\\bwhere(?:'s| is| are)(?: the| my| our)?(?: \\w+){0,3} (?:${EN_THINGS})\\b`, "u"), strength: "howTo" },
  { re: /\b(?:is there|any) (?:a )?way to\b|\b(?:does )?any(?:one|body) (?:know|knows) (?:how|why|where|what)\b/u, strength: "howTo" },
  { re: /\b(?:any|have|got|has|some) (?:tips|advice|suggestions|ideas)\b|\bis (?:anyone|anybody|someone|somebody) (?:around|there|here|online|awake)\b|\bwhat now\b|\bi'?m (?:so |really |totally |a bit |kinda )?confused\b|\b(?:can|could) (?:someone|anyone|somebody) explain\b/u, strength: "withProblem" },

  // Chinese: asking for help outright.
  { re: /求助|求救|救救我|帮帮我|帮帮忙|帮我(?!们)|帮忙(?:看|调|弄|解决|处理|查)|谁能帮|谁可以帮|有人(?:能|可以|会)?帮|能(?:不能)?帮我|求(?:指导|指点|教|解答|提示|大神|大佬|攻略|安慰|开导)|求[^，。！？,.!?]{1,8}(?:提示|线索|答案|攻略)|急求|在线等|谁能教|教教我|救救|带带我|带我一下|(?:啥|什么)(?:也|都)不会/u, strength: "strong" },
  { re: /救命/u, strength: "strong" },
  { re: /有没有人(?:可以|能)?(?:聊聊|陪我|说说话|聊一下|聊会)|想找人(?:聊|说)|谁(?:能|可以)陪我|陪我聊/u, strength: "strong" },
  // Chinese: stuck, or something of theirs does not work.
  { re: ZH_CANNOT, strength: "strong" },
  { re: /没(?:有)?(?:任何)?(?:声音|声|画面|图像|反应|响应|信号|显示|字幕|权限)|无(?:声音|画面|反应)|无法|不能(?:用|进|进入|说话|发言|投票|签到|扫|登录|登陆|连接|播放|打字|发送|显示|上麦|举手|操作)/u, strength: "strong" },
  { re: /黑屏|白屏|花屏|闪退|卡住|卡死|卡在|死机|转圈|报错|出错|乱码|失灵|不好使|不管用|不显示|不出声|被踢|踢出|(?<!笑|乐|累|气|饿|高兴|开心)坏了|不见了|消失了|没保存|没成功|空白|不同步|网络错误|网络异常|连接错误|提示错误|(?<!看|说|想|认|听|猜|写|做|讲|答)不出来|卡着|(?:卡|页面|画面|屏幕|人物|角色|头像|进度条)[^，。！？,.!?]{0,3}不动|是bug吗|是不是bug|有bug|出bug|bug了|(?:被)?锁在外面|找(?:了)?半天|一直(?:在)?加载|没有我(?:的)?(?:票|名字|积分|记录|签到|分|头像)|只能(?:听到|看到|听见|看见)|迷路|求求(?:了|你|大家)|(?:加载|界面|页面|画面|屏幕)[^，。！？,.!?]{0,4}卡|(?:麦|麦克风|摄像头|声音|耳机)[^，。！？,.!?]{0,3}(?:开没开|有没有开|是不是开着|好没好|能不能用)|加载(?:了)?(?:半天|好久|很久)|(?:要|需要|让我输入?)(?:输入)?(?:密码|验证码|邀请码)|(?:链接|二维码|邀请|码)[^，。！？,.!?]{0,4}(?:过期|失效)|没(?:有)?(?:出现|显示|到账|更新|加上|收到)|没(?:有)?[^，。！？,.!?]{0,4}权限|权限不够|(?:能|可以)(?:调|放|弄|变|改)(?:大|小|亮|慢|快)|\b404\b|(?:管理员|主持人|工作人员|客服|官方|主办方)[^，。！？,.!?]{0,4}(?:能|可以|快|帮忙|来|请)(?:帮忙)?(?:处理|管管|看看|看一下|解决)/u, strength: "strong" },
  { re: /(?:签到|登录|登陆|加载|连接|提交|上传|扫码|验证|兑换|保存|发送)[^，。！？,.!?]{0,4}失败/u, strength: "strong" },
  { re: /(?:老是|一直|总是|经常|频繁)掉线/u, strength: "strong" },
  { re: /(?:还是|显示|变成|成了)\s*(?:0|零)(?!\d)|清零|归零|进度(?:全|都)?(?:没了|丢了|清空)|只有我这样|就我这样|只有我一个人这样|是我(?:这边|的)?(?:的)?问题吗|(?:直播|网站|页面|服务器|系统|app|会场|音频|视频|声音|画面)[^，。！？,.!?]{0,4}(?:挂了|崩了)|还能(?:补|投|签到|进|参加|看)[^，。！？,.!?]{0,3}吗|能补(?:签|投)?吗|没(?:有)?头绪|没思路|(?:给|来)(?:点|个)提示|不知道(?:该)?(?:跟|和|找)谁(?:说|聊)/u, strength: "strong" },
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
];

/**
 * Spans where a help cue does not mean the writer needs help: advice to others ("if anyone's stuck", "有卡住的朋友
 * 可以看置顶") and laughter ("救命笑死").
 */
export const HELP_CANCELS: readonly RegExp[] = [
  /\bif (?:you|u|anyone|anybody|someone|somebody|they|people)\b[^.,;!?]{0,30}/u,
  /\b(?:anyone|people|those|someone|folks|others|everyone|anybody) (?:who|that)\b(?! (?:can|could) help| knows| (?:can|could) fix| is able)[^.,;!?]{0,30}/u,
  /\bcan'?t (?:hear|say|thank|agree|stress)[^.,;!?]{0,20}enough\b|\blost for words\b/u,
  /(?:如果|要是)(?:你|大家|有人)[^，。！？,.!?]{0,12}|有[^，。！？,.!?]{0,6}的(?:朋友|人|同学|小伙伴)/u,
  /救命[^。.]{0,8}(?:笑|可爱|帅|好看|好听|绝|哈)|(?:笑|可爱|帅|好看|好听|哈哈)[^。.]{0,8}救命/u,
];

/** As HELP_CANCELS, from the start of the clause to the match: "卡住的可以问我", "觉得职业发展卡住的人". */
export const HELP_CLAUSE_CANCELS: readonly RegExp[] = [/的(?:朋友|人|同学|小伙伴)?(?:可以|请|欢迎|记得|都可以|先)(?:问|找|私信|看|刷新|联系)|的人(?!物|气|家|设)/u];

/** The line says the problem is gone: no help needed. */
export const RESOLVED =
  /\b(?:works now|working now|fixed(?: it)?|figured (?:it )?out|never ?mind|nvm|solved|sorted|all good now|got it working|it'?s ok now|found it|not stuck|no longer stuck)\b|(?<!怎么|弄|才)好了(?!吗|没)|解决了|可以了|正常了|搞定|没事了|不用了|不用管|修好了|恢复了/u;

/** Addressed to the speaker about the topic: a how-to inside it is a question, not a member in trouble. */
export const SPEAKER_ADDRESS =
  /\b(?:what do you think|what'?s your (?:take|view|opinion)|do you think|in your (?:opinion|experience|view)|how do you (?:see|think|handle|deal|approach|manage|balance|find|choose|decide|feel about|stay)|how did you|why did you|would you|could you (?:talk|say|explain|elaborate|share|repeat|clarify|go)|your (?:talk|slides|book|team|company|startup|research)|speaker|panelists?)\b|老师|您|嘉宾|讲者|主讲|分享者|你们|你觉得|你认为|前辈/u;

/** A question (to the speaker, when SPEAKER_ADDRESS also holds). */
export const QUESTION = /[?？]|吗|呢|想问|请问|\b(?:what|how|why|do you|would you|could you|can you)\b/u;

/** The writer speaks of themselves. */
export const FIRST_PERSON = /\b(?:i|i'm|im|i've|i'd|my|me|mine)\b|我(?!们)/u;

// ── Negative ──────────────────────────────────────────────────────────────────────────────────────────────────────

export const NEGATIVE_CUES: readonly NegativeCue[] = [
  // English: frustration, anger, complaint.
  {
    re: /\b(?:annoying|annoyed|annoys|frustrat\w*|infuriat\w*|angry|furious|pissed|hate|hated|hates|hating|terrible|awful(?! lot)|horrible|horrendous|worst|sucks|sucked|suck|useless|pointless|boring|bored|disappointed|disappointing|disappointment|ridiculous|unacceptable|unbearable|rude|gutted|miserable|upset|hopeless|depressed|depressing|panick?\w*|stupid|trash|garbage|lame|cringe|scam|ugh+|argh+|wtf|smh|ffs|fml|meh|stressful|heartbroken|devastated|pathetic|dreadful|crap|crappy|bummed|bummer|disaster|disastrous|nightmare|uncalled for|out of line|disrespectful|toxic|offensive|damn it|dammit|goddammit|embarrassing|humiliat\w*|shitty|sick of it|stressing me out|stressed out|rigged|cheating|cheated|sigh|botched|bullshit|(?:that|this|it) (?:was|is) (?:so |really |super |just )?painful|heart sank|heartbreaking|broke my heart|low energy|energy (?:here |in here )?is (?:so |really |super )?low|dead in here|train ?wreck|dumpster fire|shitshow|clown show|ruin(?:s|ed|ing)? (?:the|my|our|it|everything)|break ?up|broke up|divorce|got fired|laid off|lost my job|grieving|passed away|used to be (?:good|better|great|fun|nice)|(?:just|all|only|nothing but) ads|cop-?out|let ?down|let-down|unwatchable|unlistenable|unusable|unplayable|(?:clearly|obviously) (?:didn'?t|don'?t|doesn'?t|never|nobody|no one)|why (?:does|do|is|must) (?:this|it|everything) always|regret|regretting|(?:just|basically|nothing but|feels like|another) (?:a )?(?:sales|product) pitch|stfu|shut up|idiots?|morons?|kms|kill myself|(?:want|wanna) to die|wanna die|end it all|kill me now|(?:want|wanna|wish i could) (?:to )?disappear|big l|took an l|dropped the ball|ain'?t it|(?:is|was|kinda|pretty|so|lowkey|honestly) mid(?![\w-])|don'?t belong|do not belong|don'?t fit in|outsider)\b/u,
    weight: 2,
  },
  { re: /\b(?:waste of (?:an? |my |our )?(?:time|hour|evening|afternoon|morning|day|money)|(?:driving|drives|drove) me (?:crazy|nuts|insane|mad)|(?:makes|making|made) me (?:feel )?(?:so |really |very |super )?(?:mad|angry|sad|upset|uncomfortable|unsafe|anxious|nervous|scared|sick)|please stop(?=\s*[.!]|$)|tired of|sick of|sick and tired|fed up|had enough|can'?t stand|can'?t take (?:it|this)|i give up|rough (?:day|week|night|time)|expected (?:better|more)|what a mess|(?:a|such a|total|complete|hot) mess|taking forever|takes forever|took forever|painful to (?:listen|watch|sit)|this is a joke|what a joke|never (?:coming|joining|attending|going)(?: back| again| to)|enough with|stop with the|(?:can|could) (?:we|you) (?:please )?(?:stop|quit)|not doing (?:great|well|good|ok|okay)|(?:is|was|'s|are|were) (?:such |a total |an absolute )?a joke|(?:is|was|'s) (?:total |complete |absolute )?chaos|i'?m (?:so |just |really )?over (?:it|this)|can'?t (?:do|take|handle|deal with) (?:this|it|that) any ?more|everything(?: is|'s)?(?: going)? wrong|nothing (?:ever )?(?:goes|works) right|(?:fuck|screw) (?:this|that|it|off)|(?:stop|quit|enough with the) (?:spamming|trolling|interrupting|yelling|shouting|talking over)|oh joy|(?:having|had|going through) (?:such )?a (?:hard|tough|rough|difficult|terrible|bad|awful) (?:time|day|week)|(?:hard|tough|rough|difficult|terrible|awful|horrible|bad) (?:day|week|night|month|year)|promised\b[^.!?]{0,40}\b(?:but|and then|yet|and just)\b)\b|(?:^|[,.!]\s*)seriously\s*\?+\s*$/u, weight: 2, fixed: true },
  { re: /\b(?:no ?one|nobody|no-one)(?:'s| is)?(?: here| ever| even)? (?:answers?|answered|answering|is answering|replies|replied|replying|responds?|responded|cares?|listens?|helps?|helped|moderating|doing anything|fixing|stopping|handling|talks?|talked|speaks?|noticed?|notices|invited|wants?|likes?|came|showed up|asked)\b|\b(?:ignor(?:ing|es|ed|e)|skipped (?:me|my)|cut(?:ting)? me off|left out)\b/u, weight: 2 },
  { re: /\b(?:not|n'?t|never|no longer)\s+(?:very |so |really |too |that |even |at all )?(?:happy|good|great|fun|ok|okay|fair|enjoyable|impressed|helpful|worth it|enjoying|enjoy|liking|loving it)\b|\b(?:don'?t|didn'?t|doesn'?t|do not|did not) (?:really |even )?(?:like|enjoy|love)\b/u, weight: 2, fixed: true },
  { re: /\b(?:feel|feeling|felt|i'?m feeling)\s+(?:so |really |very |pretty |kinda |a bit |kind of |super |quite )?(?:down|low|blue|bad|awful|terrible|sad|lonely|alone|empty|useless|stupid|ignored|excluded|left out|invisible|worthless)\b/u, weight: 2 },
  { re: /\bsad\b|\bsadly\b|\bcry(?:ing)?\b|\bcried\b/u, weight: 2, soft: true },
  // English: weak on their own.
  { re: /\b(?:lonely|alone|exhausted|tired|stressed|anxious|anxiety|overwhelmed|worried|burn(?:ed|t)? ?out|burnout|depression|failure|can'?t (?:focus|concentrate|sleep))\b/u, weight: 1, self: true },
  { re: /\b(?:bad|slow|loud|messy|mess|confusing|uncomfortable|awkward|nasty|brutal|unreadable|inaudible|unfair|done with|talking over|can'?t follow|(?:sales|product) pitch|yikes|dragging|drags on|dragged on|forever|dodging|chaotic|shit|meh|painful|tedious|repetitive|unprofessional|disorgani[sz]ed|whoever keeps|too (?:much|long|many|loud|slow|quiet|short)|yelling|shouting|trolls?|trolling)\b/u, weight: 1 },
  { re: /\b(?:messed up|mess up|screwed up|blew it|ruined|embarrassed|dumb|struggling(?! to\b| with\b)|struggling (?:to|with) (?:find|pay|keep|make ends|cope|sleep|focus|stay|money|life|work|anxiety|depression|stress))\b/u, weight: 1, self: true },
  { re: /\b(?:lag|laggy|lagging|lags|froze|frozen|freez(?:es|ing)|crash(?:ed|es|ing)|died|dropped|cut(?:ting)? out|buffering|echo|delay(?:ed)?|glitch\w*|broken|missed|skipped|lost (?:all|my|the|our|everything|it|progress)|late|not started|hasn'?t started|still waiting|kicked (?:out|off)|disconnected|(?:audio|sound|video|stream|mic|connection) (?:problems?|issues?)|technical (?:issues?|problems?|difficulties))\b/u, weight: 1, problem: true },
  // English: sarcasm. A cheerful word on its own, then a problem; or set phrases.
  { re: /\b(?:thanks (?:a lot|a bunch|for nothing)|thanks for (?:cutting|ignoring|skipping|muting|kicking|the lag|nothing)|yeah,? right|(?:that|it) went so well|just my luck|what a surprise|as usual|as always)\b/u, weight: 2, fixed: true },
  { re: /\blove how\b[^.!?]{0,60}(?:except|n'?t|never|not|again|lag|froze|crash|broke|skip)/u, weight: 2, fixed: true },

  // Chinese: frustration, anger, complaint, distress.
  { re: /(?<!麻)烦(?!请)|无聊|失望|生气|气死|气人|气炸|火大|愤怒|不爽|恼火|无语|呵呵|垃圾|(?<!灿|破)烂(?!漫)|差劲|差评|废话|受够|讨厌|恶心|想哭|难过|伤心|难受|孤单|寂寞|崩溃|绝望|郁闷|心累|累死|撑不下去|熬不下去|坚持不下去|扛不住|低落|沮丧|委屈|糟糕|糟心|闹心|扫兴|晦气|倒霉|心塞|憋屈|急死|烦躁|(?<![a-z])emo(?![a-z])|栓q(?![a-z])|芭比q(?![a-z])|寄了|冷落|被忽视|被无视|没人理|没人回|没人管|不理我|浪费(?:我的)?时间|什么鬼|搞什么|搞啥|什么破|这也叫|凭什么|神经病|有病|没意思|离谱死|想砸|摔手机|太过分|受不了|下头|无力吐槽|什么玩意|啥玩意|(?:好|真|太|超)气(?!派|色|质|氛|候|温)|气哭|气到|(?:好|很|太|真)丧|丧气|难顶|顶不住|看不下去|听不下去|待不下去|玩不下去|敷衍|坑爹|坑人|心态崩|会谢|就这(?=[?？。!！]|$)|就这水平|失望透顶|不耐烦|啰嗦|罗嗦|废话多|话(?:太|好|真)多|扯淡|(?:太|好|真|很)扯|白白浪费|浪费(?:了)?[^，。！？,.!?]{0,5}(?:时间|小时|生命|感情|晚上|下午)|消停|(?:太|好|真|很)糟|糟透|没劲|撑不住|格格不入|戾气|黑幕|暗箱|作弊|不公平|腻了|看腻|听腻|放弃了|我放弃|不玩了|唉(?!呀|哟)|离大谱|(?:自己|我)(?:好|太|真|真的|有点)?蠢|痛苦|一团糟|一团乱|乱七八糟|一塌糊涂|什么跟什么|没礼貌|不礼貌|无礼|没素质|毁了|毁掉|认真的吗|恨(?!不得)|失恋|失落|避重就轻|答非所问|绕圈子|(?:明显|显然|根本)(?:没|不)(?:测试|准备|安排|考虑|用心)|透明人|没存在感|(?:能|可以|就不能)别|别老|别总|困死|后悔|折磨|(?:就是个?|纯|全是|都是|感觉是)[^，。！？,.!?]{0,3}(?:卖货|带货|广告|推销)|小丑竟是我|我是小丑|生无可恋|累觉不爱|心如死灰|想死|不想活|活着(?:好|真|太)?累|轻生|自杀|血压(?:上来|飙升|高|拉满)|高血压|整个人都不好|拉胯|拉垮|(?<!天|变|有点|着)凉了|凉凉|心态(?:炸|崩|爆炸)|(?:有点|好|太|很|真|这么)水(?!果|平|印|晶|杯|灵|墨|彩|饺|面|泥|电|管|准|费)|tmd|他妈的|妈的|mmp|cnm|nmsl|傻逼|傻b|脑残|滚蛋|滚出去|又是(?:技术|故障|广告|卡|bug|这样|这个问题|延迟|那几个|他)/u, weight: 2 },
  { re: /(?:快|要|被|搞|逼)疯|疯掉|(?<!说|征|克|佩|信|舒|衣|制|被)服了|吐了|醉了|裂开|麻了|哭了|哭死|大哭|破(?:大)?防/u, weight: 2, soft: true },
  { re: /(?:不|没)(?:太|怎么|很|那么)?(?:开心|高兴|快乐|好玩|有意思|有趣|满意|舒服|喜欢|好用|靠谱|专业|顺利|享受)|心情(?:不好|很差|差|低落|糟|不佳|不太好)|说好的[^。！？!?]{0,16}(?:结果|却|怎么|但)|我(?:真的|是)?(?:太|好)难了|能不能(?:快点|快|别|不要|停|安静|管管|专业)|说好的[^，。！？]{0,12}呢|别再[^，。！？]{1,8}了|每次都这样|总是这样|老是这样/u, weight: 2, fixed: true },
  { re: /又(?:卡|断|掉|黑屏|白屏|崩|挂|没|进不|听不|看不|登不|连不|错过|被|延迟|闪退|出问题|出错|失败|输|是这样|拖|迟到|要排队|要等|开始|重新|emo(?![a-z]))/u, weight: 2, fixed: true },
  { re: /压力(?:好|太|很|特别|超|真|巨|非常|有点)大/u, weight: 2, fixed: true },
  // Chinese: weak on their own.
  { re: /焦虑|抑郁|孤独|失眠|压力大|(?<!积|连|劳)累(?!计|积)|失败|害怕|迷茫|无奈|摆烂|尴尬|丢人|不顺(?!便)|没(?:有)?朋友/u, weight: 1, self: true },
  { re: /(?<!打|刷|信用|银行|会员|门|饭|贺|磁|读)卡(?!片|牌|通|住|在|点|位|包|券|死|号|套|槽)|延迟|掉线|断线|断了|闪退|错过|没中|跳过|还没(?:开始|好|修好|解决|轮到)|等了(?:半天|好久|很久|半小时|一个小时|\d+分钟|这么久|那么久)|排队|拖堂|折腾|崩了|念稿|念ppt|吐槽|抢话|插话|打断|技术故障|故障|断断续续/u, weight: 1, problem: true },
  { re: /吵|挤|(?<!胡)乱(?!码)|模?糊(?!涂)|(?<!慢)慢(?!慢|点|走|用)|(?<!相|出|时|误|偏|温|落)差(?!不多|点|一|距|异|别|值)|离谱|坑|一头雾水|听不懂|看不懂|头大|头疼|头痛|冷清|困(?!难|扰|境|惑)|不行|不好(?!意思|说|讲)|太难|好难/u, weight: 1 },
  // Emoji. Angry faces and the eye-roll say it alone; sad ones need company.
  { re: /[😡😠🤬💢😤🙄😒👎]/u, weight: 2, fixed: true },
  { re: /[😭😢😞😔😩😫☹🙁😣😖💔😿😑😓😰😥😟😕😪🤦]/u, weight: 1, fixed: true },
];

/** A cheerful word on its own at the start of a clause or at the end ("great, another lag spike", "真棒，又掉线了"): sarcasm when the line also names a problem. */
export const SARCASTIC_OPENER =
  /(?:^|[.!?,;:]\s*)(?:oh |just |yay,? |wow,? |well,? )?(?:great|perfect|wonderful|fantastic|awesome|lovely|brilliant|cool|nice|amazing|excellent|splendid|terrific|love it|just what i needed|shocking|what a surprise|surprise,? surprise)(?=\s*[,.!…]|\s*$)|(?:^|[，,。.!！?？…~\s])(?:真棒|太棒了|好极了|真好|真行|可真行|厉害了|优秀|真不错|好家伙)(?=[，,。.!！?？…~\s]|$)/u;

/** Strong words used as praise or laughter ("insanely good", "笑死", "强到离谱", "感动哭了"): cues inside them do not count. */
export const NEGATIVE_CANCELS: readonly RegExp[] = [
  /\b(?:insanely|crazy|ridiculously|absurdly|scary|terrifyingly|wickedly|sick|unbelievably|brutally|stupidly) (?:good|smart|fast|talented|fun|cool|well|great|impressive|helpful|clever|funny|catchy|beautiful|hard but)\b/u,
  /\bused to (?:hate|be (?:scared|afraid|nervous|shy|bad at)|feel|get)\b[^.,;!?]{0,20}|\bis it (?:normal|ok|okay|common|weird) to\b[^.?!]{0,25}|\bsad (?:to see|that) (?:it|this|you)(?:'s| is)? (?:end|ending|over|go)\w*/u,
  /\bholy (?:crap|shit|cow)\b|\b(?:the )?worst (?:part )?is (?:over|behind)\b|\bhate to (?:say|admit|interrupt|break|ask|bother)\b|\bcrying (?:laughing|with laughter)\b|\bnot sorry\b/u,
  /笑死|笑哭|笑到|笑疯|笑裂|笑崩|感动(?:得)?哭|哭了[^，,。.]{0,3}(?:太感人|太感动|好感动)|好哭|泪目|(?:强|好|帅|美)到离谱|离谱[^。.]{0,8}(?:好强|太强|厉害|牛|好帅|太帅|神了|绝了)|(?:紧张|焦虑|害怕)正常吗|离谱(?:地)?(?:好|强|帅|厉害)|(?:可爱|帅|好看|好笑|好听|好吃|美)(?:到|得)(?:受不了|哭|想哭|离谱|崩溃|裂开)|(?:哭死|哭了|想哭|泪目)[^。.]{0,8}(?:太|好|也太|真)(?:温柔|感人|感动|好看|好听|可爱|帅|美|棒|暖|甜|厉害|优秀|强|绝|好)|(?:太|好|也太|真)(?:温柔|感人|感动|好看|好听|可爱|帅|美|棒|暖|甜|厉害|优秀|强|绝|好)[^。.]{0,8}(?:哭死|哭了|想哭|泪目)/u,
];

/** The whole clause is meant kindly: "driving me crazy in the best way". */
export const NEGATIVE_CLAUSE_CANCELS: readonly RegExp[] = [/\bin (?:the|a) (?:best|good) way\b/u];

/** Being moved: `soft` cues ("crying", "哭了") are tears of joy there. */
export const MOVED = /\b(?:touching|moving|heartwarming|wholesome|beautiful|so sweet)\b|感动|感人|太暖|好暖|泪目|温柔/u;

/** Laughter in the line: `soft` cues ("服了", "crying") are jokes there. Runs of one letter are cut to one, so "hhhh" reads "h". */
export const LAUGHTER = /哈哈|(?<![a-z])h(?![a-z])|233|笑死|笑哭|xswl|😂|🤣|😆|\b(?:lol|lmao|lmfao|rofl|haha\w*|hehe|xd)\b/u;

/** "X but Y": what follows the last contrast word is what the writer means, when it is praise. */
export const CONTRAST = /\b(?:but|though|yet|however|turns out|actually)\b|但是|但|不过|结果|可是|没想到/u;
export const PRAISE = /\b(?:amazing|great|awesome|fun|love|loved|enjoy|enjoyed|good|cool|nice|fantastic|best|worth it|hope|helpful|brilliant|excellent|incredible|wonderful)\b|精彩|好玩|开心|喜欢|棒|好看|值得|有意思|有趣|不错|感动|太好|厉害|牛|爱了|好听|赞|有信心|惊艳/u;

/** Negators before a cue turn it round ("not bad", "不难过", "别难过", "一点也不无聊"). */
export const EN_NEGATOR = /^(?:not|no|never|nothing|hardly|barely|without|nor|cannot|\w+n't|dont|doesnt|didnt|isnt|wasnt|arent|werent|cant|couldnt|wouldnt|shouldnt|havent|hasnt)$/u;
export const ZH_NEGATION_BEFORE = /(?:不|没|没有|别|不是|并不|从不|不会|不算|毫不|无)(?:很|太|那么|这么|怎么|是|算|会|觉得|感到|再)?$/u;

/** Intensifiers right before a weak cue make it count ("so slow", "好卡", "really uncomfortable"). */
export const EN_INTENSIFIER_BEFORE = /\b(?:so|too|very|far|really|super|extremely|incredibly|totally|completely|absolutely|such|pretty|quite|kinda|kind of|a bit|way|damn|freaking|fucking|utterly|truly|unbearably|feel|feeling|felt|soo+)\s+$/u;
export const ZH_INTENSIFIER_BEFORE = /(?:好|太|真|真的|很|非常|超|超级|特别|有点|有些|巨|贼|挺|也太|太过|这么|那么|越来越|实在|简直|完全|好多|极|极其|极度|死)$/u;

/** Intensifiers right after a weak cue ("尴尬死了", "焦虑到爆炸", "annoying af"). */
export const ZH_INTENSIFIER_AFTER = /^(?:到(?:爆炸|崩溃|不行|极点|爆|哭)|死了?|得要命|得不行|透了|爆了|(?:很|太|特别|非常|好)?严重)/u;
export const EN_INTENSIFIER_AFTER = /^\s*(?:(?:is|are|was) )?(?:through the roof|af|as hell|beyond belief|like crazy)\b/u;

/** The writer as subject, shortly before a `self` cue ("I feel so alone", "我好焦虑", "感觉自己好失败"). */
export const EN_SELF_BEFORE = /\b(?:i|i'm|im|i am|my|i feel|i felt|feeling|i've been|me|myself|makes me)\b/u;
export const ZH_SELF_BEFORE = /我|自己|感觉|觉得|心里/u;

/** Frustration with a problem: again, still, the third time, 还是, 好几次, 到底. Counted only beside a problem. */
export const FRUSTRATION_MARKERS: readonly RegExp[] = [
  /\bagain\b|又/u,
  /\bstill\b|还是/u,
  /\bseriously\b|到底/u,
  /[?!？！]{2,}/u,
  /\b(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)|nth) time\b|\b(?:\d+|two|three|four|five|six|several|many|a few|so many) times\b|好几次|好多次|几次了|\d+次了|[两三四五几\d]+遍|第[二三四五六七八九十\d]+次|\banother\b|根本/u,
  /\bfor (?:ages|hours|an hour|half an hour|\d+ (?:minutes|mins|hours)|(?:ten|fifteen|twenty|thirty) minutes)\b|半天|(?:十|二十|三十|\d+)分钟了?|半小时|一个小时/u,
];

package dev.switchboard.telemetry.classify;

/**
 * Tells Simplified from Traditional Chinese by the characters used: lingua only says "Chinese".
 * The two sets hold common characters written one way in one script and another way in the other
 * (这/這, 说/說, 国/國, ...), leaving out the forms both scripts use in ordinary text (后, 里, 台,
 * 干, 面, 只, 着, ...), so one hit is real evidence.
 */
final class ChineseScript {
  /** The BCP-47 tag for Simplified Chinese. */
  static final String SIMPLIFIED = "zh-Hans";
  /** The BCP-47 tag for Traditional Chinese. */
  static final String TRADITIONAL = "zh-Hant";

  private static final String SIMPLIFIED_ONLY =
      "们这说时会为个国来对学发经样过动还进种开问关点长现实机没头应见东车马鸟鱼门间电话语读写认识让请谢饭钱买卖价银铁错张场书画"
          + "图边运远连选递么吗虽从众与业专严丰临丽举义乐习乡亲亿仅优伤传伟体侠债储兰兴养军农决况净减击刘则创删刚剧务劳势区医华单卫却"
          + "厂历压厅县参双变叙号叹吴员听启响团园围圣坏块坚坛处备复夺奋妇妈孙宁宝宠审宪导寻将尔尘层属岁岛币师帅带帮库庙废广庆异弃弯弹"
          + "归录彻忆态总恋恶悬惊惧惯戏战扩扫扬执扰报拥择挂挡挥损换据摄摆敌数断无旧显晓暂术杀杂权条杨极构枪标树桥检楼欢欧残气汉汤沟泪"
          + "泽洁浅测济浓润涨渐湾满滚灭灯灵灾炼烟烦热爱爷牵犹狱独猎猫献环玛畅疗疯监盖盘矿码础确礼祸离积称稳穷窃竞笔笼筑签简类粮紧红级"
          + "纪约纯纸线练组细终结绕给络统继绩续维绿网罗职联肃胜脑脸舰节芦苏苹荣药获营萝蓝虑虫补装规视览觉观计订讨训议讯记讲许论设访证"
          + "评诉词译试诗诚该详误诸课谁调谈谓谋贝负贡财责贤败货质购贯贵费贴贸资赏赔赛赞赶趋跃践轮软转轻载较辆辈辑输辞达迁违迟适逻遗邮"
          + "邻郑释针钓钢铃链锁锅锋锻镇镜闪闭闯闲闷闹闻阅队阳阴阵阶际陆陈险随隐难雾韩页顶项顺须顾顿预领频题颜额风飞饮馆驱验骑骗鸡麦齐"
          + "齿龙龟丝产亚仪侧剑剂纳绍综冻厉厌厨吓呜哗唤尝尽岗峡帐庄忧怀悦愤拟拨挤捡毕毁沪泼浏浑渔滨烧烛牺状猪疮皱盐矫祷窝竖篮纠纤纲纵"
          + "纷织绘绝绪绳编缓缘缩罚聪肠肤肿胁胆脉舆舱艺苍荐莲虚蚀袜袭觅誉触讶诀诈诊诞询谎谐谊谦谱谨贪贫贬贺贼赌赖赵踪轨轰辅辖辩迈迹邓"
          + "酱钉钥钩钻铅铜铺销锐锦键阔阐陕鸣鸭鹅鹰钟几当儿两乱争亏亩仓伞伦侣俭倾偿兑兹兽冈册冯凉凑凤凭凯凿剥劝办励劲勋匀协卢卤卧厕厢"
          + "厦叠叶吕吨咙啸喷嘘嘱圆坝坟坠垄垒垦墙壮声壳壶够夹奖妆娄娱婴宽宾寿尴尸届屡岂岭崭巩帘帧庐庞弥径忏怜恼惨惩愿懒扑抚抛抢护担拦"
          + "挣掷揽搁搂搅携摇摊撑斋斩旷昼晋晒晕枢枣柜栈栋栏档桩梦横歼毙氢沦沧泻浆浇浊涛涡涩渊渗湿溃溅滞滤滥滩潜澜灿炉烁烂烫狭狮琼痪瘫"
          + "瘾盏盗睁瞒砖硕碍窍筛筝纬纱纹纺绵缝缠缴罢耻胀胶脚艰艳茎荡莱萤萧萨蕴虾蚁蚂蜡蝇裤讽诱诺谅谍谜谣贞账贩贱贷赋赐赚赠轩轿辉辽逊"
          + "酿鉴钞铭锡锤锯镀阀阁韧顽颁颂颇颗飘饥饰饱饲饶饼馈驰驳驴驶驻驾骂骄骆骚骤鲁鲜鸿鹏鹤龄";
  private static final String TRADITIONAL_ONLY =
      "們這說時會為個國來對學發經樣過動還進種開問關點長現實機沒頭應見東車馬鳥魚門間電話語讀寫認識讓請謝飯錢買賣價銀鐵錯張場書畫"
          + "圖邊運遠連選遞麼嗎雖從眾與業專嚴豐臨麗舉義樂習鄉親億僅優傷傳偉體俠債儲蘭興養軍農決況淨減擊劉則創刪剛劇務勞勢區醫華單衛卻"
          + "廠歷壓廳縣參雙變敘號嘆吳員聽啟響團園圍聖壞塊堅壇處備復奪奮婦媽孫寧寶寵審憲導尋將爾塵層屬歲島幣師帥帶幫庫廟廢廣慶異棄彎彈"
          + "歸錄徹憶態總戀惡懸驚懼慣戲戰擴掃揚執擾報擁擇掛擋揮損換據攝擺敵數斷無舊顯曉暫術殺雜權條楊極構槍標樹橋檢樓歡歐殘氣漢湯溝淚"
          + "澤潔淺測濟濃潤漲漸灣滿滾滅燈靈災煉煙煩熱愛爺牽猶獄獨獵貓獻環瑪暢療瘋監蓋盤礦碼礎確禮禍離積稱穩窮竊競筆籠築簽簡類糧緊紅級"
          + "紀約純紙線練組細終結繞給絡統繼績續維綠網羅職聯肅勝腦臉艦節蘆蘇蘋榮藥獲營蘿藍慮蟲補裝規視覽覺觀計訂討訓議訊記講許論設訪證"
          + "評訴詞譯試詩誠該詳誤諸課誰調談謂謀貝負貢財責賢敗貨質購貫貴費貼貿資賞賠賽贊趕趨躍踐輪軟轉輕載較輛輩輯輸辭達遷違遲適邏遺郵"
          + "鄰鄭釋針釣鋼鈴鏈鎖鍋鋒鍛鎮鏡閃閉闖閑悶鬧聞閱隊陽陰陣階際陸陳險隨隱難霧韓頁頂項順須顧頓預領頻題顏額風飛飲館驅驗騎騙雞麥齊"
          + "齒龍龜絲產亞儀側劍劑納紹綜凍厲厭廚嚇嗚嘩喚嘗盡崗峽帳莊憂懷悅憤擬撥擠撿畢毀滬潑瀏渾漁濱燒燭犧狀豬瘡皺鹽矯禱窩豎籃糾纖綱縱"
          + "紛織繪絕緒繩編緩緣縮罰聰腸膚腫脅膽脈輿艙藝蒼薦蓮虛蝕襪襲覓譽觸訝訣詐診誕詢謊諧誼謙譜謹貪貧貶賀賊賭賴趙蹤軌轟輔轄辯邁跡鄧"
          + "醬釘鑰鉤鑽鉛銅鋪銷銳錦鍵闊闡陝鳴鴨鵝鷹鐘幾後裡幹髮臺麵餘準衝醜鬥遊於徵鬆隻製範雲錶睏穀緻捲韆纔瞭當兒兩亂爭虧畝倉傘倫侶儉"
          + "傾償兌茲獸岡冊馮涼湊鳳憑凱鑿剝勸辦勵勁勳勻協盧鹵臥廁廂廈疊葉呂噸嚨嘯噴噓囑圓壩墳墜壟壘墾牆壯聲殼壺夠夾獎妝婁娛嬰寬賓壽尷"
          + "屍屆屢豈嶺嶄鞏簾幀廬龐彌徑懺憐惱慘懲願懶撲撫拋搶護擔攔掙擲攬擱摟攪攜搖攤撐齋斬曠晝晉曬暈樞棗櫃棧棟欄檔樁夢橫殲斃氫淪滄瀉"
          + "漿澆濁濤渦澀淵滲濕潰濺滯濾濫灘潛瀾燦爐爍爛燙狹獅瓊瘓癱癮盞盜睜瞞磚碩礙竅篩箏緯紗紋紡綿縫纏繳罷恥脹膠腳艱艷莖蕩萊螢蕭薩蘊"
          + "蝦蟻螞蠟蠅褲諷誘諾諒諜謎謠貞賬販賤貸賦賜賺贈軒轎輝遼遜釀鑑鈔銘錫錘鋸鍍閥閣韌頑頒頌頗顆飄饑飾飽飼饒餅饋馳駁驢駛駐駕罵驕駱"
          + "騷驟魯鮮鴻鵬鶴齡";
  private static final java.util.BitSet SIMPLIFIED_SET = toSet(SIMPLIFIED_ONLY);
  private static final java.util.BitSet TRADITIONAL_SET = toSet(TRADITIONAL_ONLY);

  private ChineseScript() {}

  /**
   * Returns {@link #TRADITIONAL} when {@code text} has more Traditional-only than Simplified-only
   * characters, else {@link #SIMPLIFIED} (also when it has neither: Simplified is far more common).
   */
  static String of(CharSequence text) {
    int simplified = 0;
    int traditional = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (SIMPLIFIED_SET.get(c)) {
        simplified++;
      } else if (TRADITIONAL_SET.get(c)) {
        traditional++;
      }
    }
    return traditional > simplified ? TRADITIONAL : SIMPLIFIED;
  }

  /** Returns whether {@code text} has a character that only one of the two scripts uses. */
  static boolean distinguishes(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (SIMPLIFIED_SET.get(c) || TRADITIONAL_SET.get(c)) {
        return true;
      }
    }
    return false;
  }

  private static java.util.BitSet toSet(String chars) {
    java.util.BitSet set = new java.util.BitSet(0x10000);
    chars.chars().forEach(set::set);
    return set;
  }
}

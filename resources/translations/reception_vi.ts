<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>ApplicantPanel</name>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="36" />
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="41" />
        <source>ID number</source>
        <translation>Số định danh (CCCD)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="42" />
        <source>Full name</source>
        <translation>Họ, chữ đệm và tên</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="43" />
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="44" />
        <source>Place of residence</source>
        <translation>Nơi cư trú</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="45" />
        <source>Issue date</source>
        <translation>Ngày cấp</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="46" />
        <source>Old ID number</source>
        <translation>Số CMND cũ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="53" />
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="67" />
        <source>Male</source>
        <translation>Nam</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="68" />
        <source>Female</source>
        <translation>Nữ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="70" />
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="75" />
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="76" />
        <source>Email</source>
        <translation>Thư điện tử</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="86" />
        <source>Raw QR payload</source>
        <translation>Nội dung QR gốc</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="153" />
        <source>Enter the applicant's full name.</source>
        <translation>Nhập họ và tên người nộp hồ sơ.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="156" />
        <source>The ID number must have 12 digits.</source>
        <translation>Số định danh phải gồm 12 chữ số.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="159" />
        <source>Dates are written dd/mm/yyyy.</source>
        <translation>Ngày được ghi theo dạng ngày/tháng/năm (dd/mm/yyyy).</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="186" />
        <source>QR</source>
        <translation>QR</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="187" />
        <source>typed</source>
        <translation>nhập tay</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="188" />
        <source>chip</source>
        <translation>chip</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="189" />
        <source>chip (unverified)</source>
        <translation>chip (chưa xác thực)</translation>
    </message>
</context>
<context>
    <name>ComponentList</name>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="83" />
        <source>Dossier components</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="86" />
        <source>Choose a procedure to see its components.</source>
        <translation>Chọn thủ tục để xem thành phần hồ sơ.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="97" />
        <source>original</source>
        <translation>bản chính</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="98" />
        <source>copy</source>
        <translation>bản sao</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="99" />
        <source>original or copy</source>
        <translation>bản chính hoặc bản sao</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="103" />
        <source>copies</source>
        <translation>bản</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="105" />
        <source>(if any)</source>
        <translation>(nếu có)</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <location filename="../../ui/gui/dossier_table.py" line="17" />
        <source>Code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/dossier_table.py" line="18" />
        <source>Received</source>
        <translation>Giờ nhận</translation>
    </message>
    <message>
        <location filename="../../ui/gui/dossier_table.py" line="19" />
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/dossier_table.py" line="20" />
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/gui/dossier_table.py" line="21" />
        <source>Upload</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/dossier_table.py" line="59" />
        <source>not sent (no upload queue yet)</source>
        <translation>chưa gửi (chưa có hàng đợi đồng bộ)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/gui/main_window.py" line="57" />
        <source>Reception — %1</source>
        <translation>Tiếp nhận hồ sơ — %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="61" />
        <source>Camera preview</source>
        <translation>Hình ảnh camera</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="101" />
        <source>Today's dossiers</source>
        <translation>Hồ sơ tiếp nhận hôm nay</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="128" />
        <location filename="../../ui/gui/main_window.py" line="131" />
        <source>ready</source>
        <translation>sẵn sàng</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="128" />
        <location filename="../../ui/gui/main_window.py" line="131" />
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="75" />
        <source>Scan QR</source>
        <translation>Quét mã QR</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="79" />
        <source>Save dossier</source>
        <translation>Lưu hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="83" />
        <source>New dossier</source>
        <translation>Hồ sơ mới</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="86" />
        <location filename="../../ui/gui/main_window.py" line="240" />
        <source>Reception</source>
        <translation>Tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="155" />
        <source>Show the QR code of the ID card to the camera…</source>
        <translation>Đưa mã QR trên thẻ căn cước vào camera…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="173" />
        <source>ID card QR read.</source>
        <translation>Đã đọc mã QR của thẻ căn cước.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="192" />
        <source>Choose a procedure.</source>
        <translation>Chọn thủ tục.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="194" />
        <source>Cannot save yet</source>
        <translation>Chưa thể lưu</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="209" />
        <source>Dossier %1 saved.</source>
        <translation>Đã lưu hồ sơ %1.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../ui/messages.py" line="14" />
        <source>The configuration file is invalid. Call the administrator.</source>
        <translation>Tệp cấu hình không hợp lệ. Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="17" />
        <source>The local database cannot be written. Nothing was lost; check the disk and try again.</source>
        <translation>Không ghi được cơ sở dữ liệu trên máy. Chưa mất dữ liệu nào; hãy kiểm tra ổ đĩa rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="21" />
        <source>This counter has used up its block of dossier numbers for today. Call the administrator.</source>
        <translation>Quầy này đã dùng hết dải số thứ tự hồ sơ của hôm nay. Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="25" />
        <source>This QR code is not the QR of an ID card.</source>
        <translation>Mã QR này không phải mã QR của thẻ căn cước.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="26" />
        <source>The device is not connected or is in use by another program.</source>
        <translation>Thiết bị chưa được kết nối hoặc đang được chương trình khác sử dụng.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="29" />
        <source>Another program is using the device.</source>
        <translation>Một chương trình khác đang dùng thiết bị.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="30" />
        <source>The card was removed before the reading finished. Lay it down again.</source>
        <translation>Thẻ đã bị nhấc ra trước khi đọc xong. Hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="33" />
        <source>The card did not answer correctly. Lay it down again.</source>
        <translation>Thẻ không trả lời đúng. Hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="36" />
        <source>The device failed.</source>
        <translation>Thiết bị gặp lỗi.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="37" />
        <source>Unexpected error. The details are in the log.</source>
        <translation>Lỗi không mong muốn. Chi tiết có trong nhật ký.</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="30" />
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="34" />
        <source>Search by code or name, e.g. khai sinh</source>
        <translation>Tìm theo mã hoặc tên, ví dụ: khai sinh</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="20" />
        <source>SIMULATED DEVICES</source>
        <translation>THIẾT BỊ MÔ PHỎNG</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="24" />
        <source>Simulated: %1</source>
        <translation>Mô phỏng: %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="41" />
        <source>simulated</source>
        <translation>mô phỏng</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="46" />
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="48" />
        <source>card present</source>
        <translation>có thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="50" />
        <source>ready</source>
        <translation>sẵn sàng</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="53" />
        <source>Not sent: %1</source>
        <translation>Chưa gửi: %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="55" />
        <source>Dossiers are kept on this computer; uploading is not available yet.</source>
        <translation>Hồ sơ được lưu trên máy này; chức năng gửi lên hệ thống chưa có.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="60" />
        <source>Card reader</source>
        <translation>Đầu đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="61" />
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="62" />
        <source>Scanner</source>
        <translation>Máy quét</translation>
    </message>
</context>
</TS>